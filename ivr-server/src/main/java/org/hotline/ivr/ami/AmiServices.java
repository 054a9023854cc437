package org.hotline.ivr.ami;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.ami.survey.RatesRoute;
import org.hotline.ivr.ami.survey.SurveyAnswers;
import org.hotline.ivr.ami.survey.SurveyDialer;
import org.hotline.ivr.ami.survey.SurveyPolicy;
import org.hotline.ivr.ami.survey.SurveyScript;
import org.hotline.ivr.ami.survey.SurveyStore;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.ops.HttpRoutes;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.redis.RedisGateway;

/**
 * Everything AMI gives the server, started in one place: the links (health {@code ami}), seat device
 * states, hangup clean-up, the callback dialer, the survey dialer, script {@code survey} and the rates
 * route. The sinks are where the rest of the server plugs in.
 */
public final class AmiServices implements AutoCloseable {

    /** What the rest of the server provides. {@code surveyAnswers} is told of each answer besides the rates store (e.g. the order). */
    public record Sinks(SeatDevices seatDevices, SeatDeviceStates seatStates, CallHangups hangups,
                        CallbackOutcomes callbackOutcomes, SurveyAnswers surveyAnswers) {
    }

    /** Where the AMI side hooks into the server. */
    public record Hooks(RedisGateway redis, AgiScripts scripts, HttpRoutes routes, HealthRegistry health) {
    }

    private final AmiLinks links;
    private final ScheduledExecutorService timers;
    private final CallbackDialer callbacks;
    private final SurveyDialer surveys;
    private final SurveyStore surveyStore;

    private AmiServices(AmiLinks links, ScheduledExecutorService timers, CallbackDialer callbacks, SurveyDialer surveys,
                        SurveyStore surveyStore) {
        this.links = links;
        this.timers = timers;
        this.callbacks = callbacks;
        this.surveys = surveys;
        this.surveyStore = surveyStore;
    }

    /**
     * Registers script, route and health, and starts a link per configured server when {@code ami.enabled};
     * when disabled nothing connects, callbacks and surveys report that no link is up.
     */
    public static AmiServices start(IvrConfig.Ami config, AmiLinkPolicy linkPolicy, CallbackPolicy callbackPolicy,
                                    SurveyPolicy surveyPolicy, Sinks sinks, Hooks hooks) {
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ami-timers");
            thread.setDaemon(true);
            return thread;
        });
        AmiLinks links = new AmiLinks(config.enabled() ? config.servers().stream().map(AmiEndpoint::of).toList() : List.of(),
                linkPolicy);
        Originator originator = new Originator(links, timers);
        AmiCallbackDialer callbacks = new AmiCallbackDialer(originator, callbackPolicy, sinks.callbackOutcomes(), timers);
        SurveyStore store = new SurveyStore(hooks.redis(), surveyPolicy.zone(), clock);
        SurveyDialer surveys = new SurveyDialer(originator, store, surveyPolicy, timers);
        links.start(List.of(new SeatDeviceWatch(sinks.seatDevices(), sinks.seatStates(), hooks.redis()),
                new HangupWatch(sinks.hangups()), originator, callbacks));
        hooks.scripts().register(SurveyScript.NAME, new SurveyScript(store.andThen(sinks.surveyAnswers()), clock));
        hooks.routes().add(RatesRoute.PATH, new RatesRoute(store));
        hooks.health().register("ami", links.health());
        return new AmiServices(links, timers, callbacks, surveys, store);
    }

    public AmiLinks links() {
        return links;
    }

    /** For the queue: call back a citizen once a seat is ready. */
    public CallbackDialer callbacks() {
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
        timers.shutdownNow();
    }
}
