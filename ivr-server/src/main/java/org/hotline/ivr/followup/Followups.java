package org.hotline.ivr.followup;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.AmiServices;
import org.hotline.ivr.ami.AmiSubscriber;
import org.hotline.ivr.followup.survey.RatesRoute;
import org.hotline.ivr.followup.survey.SurveyAnswerLog;
import org.hotline.ivr.followup.survey.SurveyDialer;
import org.hotline.ivr.followup.survey.SurveyFlowAnswers;
import org.hotline.ivr.followup.survey.SurveyOnClose;
import org.hotline.ivr.followup.survey.SurveyPolicy;
import org.hotline.ivr.followup.survey.SurveySchedule;
import org.hotline.ivr.followup.survey.SurveyStore;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.ClosedOrderFeed;
import org.hotline.ivr.order.OrderContacts;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hotline does after a call, wired for one node: callbacks (the distributor's callback turns placed
 * seat first through AMI, retried, each attempt on the order) and satisfaction surveys (scheduled when an order
 * closes, placed outside quiet hours, answered in the survey flow, counted for the rates route). Built on the
 * node's AMI transport before it connects: {@link #amiSubscribers()} go into {@link AmiServices#start}.
 */
public final class Followups implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Followups.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final AmiCallbackDialer callbackCalls;
    private final CallbackBridge callbacks;
    private final SurveyStore surveyStore;
    private final SurveyDialer surveys;
    private final SurveySchedule surveySchedule;
    private final SurveyFlowAnswers surveyFlowEnds;
    /** Redis pollers (due surveys, closed orders): their own thread, so a slow Redis never delays AMI's timeouts. */
    private final ScheduledExecutorService pollers =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("followup-pollers", true));

    private Followups(AmiCallbackDialer callbackCalls, CallbackBridge callbacks, SurveyStore surveyStore,
                      SurveyDialer surveys, SurveySchedule surveySchedule, SurveyFlowAnswers surveyFlowEnds) {
        this.callbackCalls = callbackCalls;
        this.callbacks = callbacks;
        this.surveyStore = surveyStore;
        this.surveys = surveys;
        this.surveySchedule = surveySchedule;
        this.surveyFlowEnds = surveyFlowEnds;
    }

    /**
     * Connects the callbacks to {@code distributor} (before it starts), adds the rates route and, while AMI is
     * enabled, polls due surveys and closed orders (without AMI they wait in Redis).
     */
    public static Followups start(IvrConfig.Ami config, String nodeId, RedisGateway redis, AmiServices ami,
                                  CallDistributor distributor, Orders orders, Router routes) {
        Clock clock = Clock.systemUTC();
        OrderContacts contacts = new OrderContacts(redis, OrderSettings.defaults().keys());
        CallbackPolicy callbackPolicy = CallbackPolicy.from(config.callback());
        // Retries are the bridge's (the seat is freed between attempts): one attempt per AMI dial.
        AmiCallbackDialer calls = new AmiCallbackDialer(ami.originator(), callbackPolicy.withMaxAttempts(1), ami.timers());
        CallbackBridge bridge = new CallbackBridge(calls, callbackPolicy, redis, distributor);
        calls.reportTo(new CallbackAttemptLog(contacts, clock)).reportTo(bridge);
        distributor.handCallbacksTo(bridge);

        SurveyPolicy surveyPolicy = SurveyPolicy.from(config.survey());
        SurveyStore store = new SurveyStore(redis, surveyPolicy.zone(), clock);
        SurveyDialer surveys = new SurveyDialer(ami.originator(), store, surveyPolicy, ami.timers());
        SurveyAnswerLog onOrder = new SurveyAnswerLog(contacts);
        SurveySchedule schedule = new SurveySchedule(redis, store, surveys, surveyPolicy, onOrder, clock);
        new RatesRoute(store).register(routes);
        Followups followups = new Followups(calls, bridge, store, surveys, schedule,
                new SurveyFlowAnswers(store.andThen(onOrder), clock));
        if (config.enabled()) {
            ClosedOrderFeed closed = new ClosedOrderFeed(redis, OrderSettings.defaults().keys(), orders.store(), nodeId,
                    new SurveyOnClose(schedule));
            followups.every(POLL, closed::poll);
            // Due surveys are placed by whichever node polls first.
            followups.every(POLL, () -> schedule.poll(20));
        }
        return followups;
    }

    /** Runs {@code job} (a poll of Redis, which may block) every {@code period}; a failing run is logged. */
    void every(Duration period, Runnable job) {
        pollers.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("follow-up poll failed: {}", e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What must hear the AMI events: the callback dialer (the dialplan's CallbackAnswered/Dialed events). */
    public List<AmiSubscriber> amiSubscribers() {
        return List.of(callbackCalls);
    }

    /** For the flow runner: each end of flow {@link SurveyFlowAnswers#FLOW} records the citizen's answers. */
    public SurveyFlowAnswers surveyFlowEnds() {
        return surveyFlowEnds;
    }

    public SurveyStore surveyStore() {
        return surveyStore;
    }

    /** Schedules the satisfaction survey of a closed order. */
    public SurveySchedule surveySchedule() {
        return surveySchedule;
    }

    /** Places a survey call now. */
    public SurveyDialer surveys() {
        return surveys;
    }

    @Override
    public void close() {
        pollers.shutdownNow();
        callbacks.close();
    }
}
