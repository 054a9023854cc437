package org.hotline.ivr.followup.survey;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.OriginateAction;
import org.hotline.ivr.ami.OriginateResult;
import org.hotline.ivr.ami.Originator;
import org.hotline.ivr.ops.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places the survey call once an order is closed: remembers the order's category and unit, then
 * originates to the citizen into the survey context with {@code SURVEY_ORDER} set; a citizen who does
 * not answer is tried again per policy and finally counted as not reached.
 */
public final class SurveyDialer {

    private static final Logger log = LoggerFactory.getLogger(SurveyDialer.class);

    private final Originator originator;
    private final SurveyStore store;
    private final SurveyPolicy policy;
    private final ScheduledExecutorService timers;

    public SurveyDialer(Originator originator, SurveyStore store, SurveyPolicy policy, ScheduledExecutorService timers) {
        this.originator = originator;
        this.store = store;
        this.policy = policy;
        this.timers = timers;
    }

    /** Completes with the last attempt's result: answered means the survey script is now talking to the citizen. */
    public CompletionStage<OriginateResult> survey(SurveyRequest request) {
        store.expect(request);
        CompletableFuture<OriginateResult> done = new CompletableFuture<>();
        attempt(request, 1, done);
        return done;
    }

    /** One try, no retry: for the {@link SurveySchedule}, which keeps the tries in Redis. */
    public CompletionStage<OriginateResult> placeOnce(SurveyRequest request) {
        return originator.originate(originateFor(request));
    }

    private void attempt(SurveyRequest request, int number, CompletableFuture<OriginateResult> done) {
        originator.originate(originateFor(request)).thenAccept(result -> {
            if (result.answered()) {
                done.complete(result);
            } else if (number < policy.maxAttempts()) {
                timers.schedule(() -> attempt(request, number + 1, done), policy.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                store.notReached(request.orderId());
                log.info("survey for order {}: {} not reached after {} attempt(s) ({})", request.orderId(),
                        PhoneNumbers.mask(request.citizenNumber()), number, result.kind());
                done.complete(result);
            }
        });
    }

    private OriginateAction originateFor(SurveyRequest request) {
        OriginateAction action = new OriginateAction();
        action.setChannel(policy.dialString(request.citizenNumber()));
        action.setContext(policy.context());
        action.setExten("s");
        action.setPriority(1);
        action.setCallerId("\"12345\" <" + policy.callerId() + ">");
        action.setTimeout(policy.ringTimeout().toMillis());
        action.setVariable("SURVEY_ORDER", request.orderId());
        return action;
    }
}
