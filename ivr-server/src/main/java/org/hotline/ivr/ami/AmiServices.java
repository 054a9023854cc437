package org.hotline.ivr.ami;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.survey.RatesRoute;
import org.hotline.ivr.ami.survey.SurveyAnswers;
import org.hotline.ivr.ami.survey.SurveyDialer;
import org.hotline.ivr.ami.survey.SurveyPolicy;
import org.hotline.ivr.ami.survey.SurveySchedule;
import org.hotline.ivr.ami.survey.SurveyStore;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything AMI gives the server, started in one place: the links (health {@code ami}), seat device
 * states, hangup clean-up, the callback dialer, the survey dialer and the rates
 * route. The sinks are where the rest of the server plugs in.
 */
public final class AmiServices implements AutoCloseable {

    /** What the rest of the server provides. {@code surveyAnswers} is told of each answer besides the rates store (e.g. the order). */
    public record Sinks(SeatDevices seatDevices, SeatDeviceStates seatStates, CallHangups hangups,
                        CallbackOutcomes callbackOutcomes, SurveyAnswers surveyAnswers) {
    }

    /** Where the AMI side hooks into the server. */
    public record Hooks(RedisGateway redis, Router routes, HealthRegistry health) {
    }

    private static final Logger log = LoggerFactory.getLogger(AmiServices.class);

    private final AmiLinks links;
    private final ScheduledExecutorService timers;
    /** Redis pollers (due surveys, closed orders): their own thread, so a slow Redis never delays AMI's timeouts. */
    private final ScheduledExecutorService pollers = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("ami-pollers", true));
    private final CitizenCallbackDialer callbacks;
    private final SurveyDialer surveys;
    private final SurveyStore surveyStore;
    private final SurveySchedule surveySchedule;
    private final boolean enabled;

    private AmiServices(AmiLinks links, ScheduledExecutorService timers, CitizenCallbackDialer callbacks, SurveyDialer surveys,
                        SurveyStore surveyStore, SurveySchedule surveySchedule, boolean enabled) {
        this.links = links;
        this.timers = timers;
        this.callbacks = callbacks;
        this.surveys = surveys;
        this.surveyStore = surveyStore;
        this.surveySchedule = surveySchedule;
        this.enabled = enabled;
    }

    /**
     * Registers route and health, and starts a link per configured server when {@code ami.enabled};
     * when disabled nothing connects, callbacks and surveys report that no link is up.
     */
    public static AmiServices start(IvrConfig.Ami config, AmiLinkPolicy linkPolicy, CallbackPolicy callbackPolicy,
                                    SurveyPolicy surveyPolicy, Sinks sinks, Hooks hooks) {
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("ami-timers", true));
        AmiLinks links = new AmiLinks(config.enabled() ? config.servers().stream().map(AmiEndpoint::of).toList() : List.of(),
                linkPolicy);
        Originator originator = new Originator(links, timers);
        AmiCallbackDialer callbacks = new AmiCallbackDialer(originator, callbackPolicy, sinks.callbackOutcomes(), timers);
        SurveyStore store = new SurveyStore(hooks.redis(), surveyPolicy.zone(), clock);
        SurveyDialer surveys = new SurveyDialer(originator, store, surveyPolicy, timers);
        SurveySchedule schedule = new SurveySchedule(hooks.redis(), store, surveys, surveyPolicy,
                sinks.surveyAnswers(), clock);
        links.start(List.of(new SeatDeviceWatch(sinks.seatDevices(), sinks.seatStates(), hooks.redis()),
                new HangupWatch(sinks.hangups()), originator, callbacks));
        new RatesRoute(store).register(hooks.routes());
        hooks.health().register("ami", links.health());
        AmiServices services = new AmiServices(links, timers, callbacks, surveys, store, schedule, config.enabled());
        // Due surveys are placed by whichever node polls first; without AMI they wait in Redis.
        services.whileEnabled(SURVEY_POLL, () -> schedule.poll(20));
        return services;
    }

    private static final Duration SURVEY_POLL = Duration.ofSeconds(1);

    /**
     * Runs {@code job} (a poll of Redis, which may block) every {@code period} on the pollers' thread while AMI is
     * enabled (not at all otherwise); a failing run is logged and the next one runs as planned.
     */
    public void whileEnabled(Duration period, Runnable job) {
        if (!enabled) {
            return;
        }
        pollers.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("AMI periodic job failed: {}", e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For the order: schedule the satisfaction survey once the order is closed. */
    public SurveySchedule surveySchedule() {
        return surveySchedule;
    }

    public AmiLinks links() {
        return links;
    }

    /** For the queue: call back a citizen once a seat is ready. */
    public CitizenCallbackDialer callbacks() {
        return callbacks;
    }

    /** For the order: place the satisfaction survey once the order is closed. */
    public SurveyDialer surveys() {
        return surveys;
    }

    public SurveyStore surveyStore() {
        return surveyStore;
    }

    @Override
    public void close() {
        links.close();
        pollers.shutdownNow();
        timers.shutdownNow();
    }
}
