package org.hotline.ivr.followup;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.CallbackDialer;
import org.hotline.ivr.queue.SeatOffer;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a callback whose turn has come to the AMI dialer (seat first, then the citizen, one attempt per turn)
 * and acts on how it went: connected puts the seat on call, and the end of that conversation sends the seat to
 * wrap-up; a seat that did not answer is paused and the callback goes back to the head of its queue; a citizen
 * who could not be reached frees the seat at once and, while the policy allows more attempts, the callback is
 * queued again after the retry delay (with its language and priority class), so no seat waits through the delay.
 * Pending retries and citizen tries live in Redis ({@link CallbackRetries}): a restart during a delay drops nothing.
 */
public final class CallbackBridge implements CallbackDialer, CallbackOutcomes, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackBridge.class);
    private static final long POLL_MILLIS = 1000;
    private static final long ENQUEUE_WAIT_MILLIS = 10_000;

    private final CitizenCallbackDialer ami;
    private final CallbackPolicy policy;
    private final CallbackRetries retries;
    private final ScheduledExecutorService timers;
    /** Dials per callback on this node, to number the attempts Asterisk sees. */
    private final Map<String, Integer> dials = new ConcurrentHashMap<>();
    /** Connected callbacks by id, until their conversation ends. */
    private final Map<String, SeatOffer> talking = new ConcurrentHashMap<>();
    private final CallDistributor distributor;

    /**
     * Reports to {@code distributor} and, while the policy allows more than one attempt, polls the retries due.
     * The distributor's callbacks are handed here by {@link CallDistributor#handCallbacksTo}; the dialer's outcomes
     * come back through {@link #record} and {@link #callEnded}.
     *
     * @param ami    the AMI dialer; it should make one attempt per call, the retries being this bridge's
     * @param policy how many attempts a callback gets and the pause between them
     * @param redis  where pending retries wait; null only when the policy allows a single attempt
     */
    public CallbackBridge(CitizenCallbackDialer ami, CallbackPolicy policy, RedisGateway redis,
                          CallDistributor distributor) {
        this.ami = ami;
        this.policy = policy;
        this.distributor = distributor;
        boolean retrying = policy.maxAttempts() > 1;
        this.retries = retrying ? new CallbackRetries(redis, Clock.systemUTC()) : null;
        this.timers = retrying ? Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("callback-retries", true)) : null;
        if (timers != null) {
            timers.scheduleWithFixedDelay(this::pollRetries, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** One attempt per callback, no retries. */
    public CallbackBridge(CitizenCallbackDialer ami, CallDistributor distributor) {
        this(ami, CallbackPolicy.defaults().withMaxAttempts(1), null, distributor);
    }

    @Override
    public void dial(SeatOffer offer) {
        int number = dials.merge(offer.callId(), 1, Integer::sum);
        CallbackRequest request = new CallbackRequest(offer.callId(), offer.callId(), offer.seatId(), offer.device(),
                offer.callbackNumber(), number);
        ami.dial(request).whenComplete((outcome, failure) -> {
            CallbackOutcome.Result result = failure == null ? outcome.result() : CallbackOutcome.Result.FAILED;
            report(offer, result, failure == null ? outcome.seatChannel() : "");
        });
    }

    private void report(SeatOffer offer, CallbackOutcome.Result result, String seatChannel) {
        switch (result) {
            case CONNECTED -> {
                forget(offer.callId());
                talking.put(offer.callId(), offer);
                distributor.answered(offer, seatChannel);
            }
            case SEAT_NOT_REACHED -> distributor.ringNoAnswer(offer);
            case CITIZEN_NOT_REACHED, FAILED -> citizenNotReached(offer, result);
            default -> end(offer, result);
        }
    }

    private void citizenNotReached(SeatOffer offer, CallbackOutcome.Result result) {
        long tries;
        try {
            tries = retries == null ? policy.maxAttempts() : retries.citizenNotReached(offer.callId());
        } catch (RuntimeException e) {
            log.warn("callback {}: tries not counted ({}); not retried", offer.callId(), e.toString());
            tries = policy.maxAttempts();
        }
        if (tries >= policy.maxAttempts()) {
            end(offer, result);
            return;
        }
        log.info("callback {}: citizen not reached ({}), attempt {} of {}; seat {} freed, queued again in {}",
                offer.callId(), result, tries, policy.maxAttempts(), offer.seatId(), policy.retryDelay());
        distributor.releaseCallback(offer).whenComplete((released, failure) -> retryLater(offer, released, failure));
    }

    /** Only a call the queue released waits for a retry: one already gone (hung up, taken) is not called again. */
    private void retryLater(SeatOffer offer, Optional<WaitingCall> released, Throwable failure) {
        if (failure != null || released.isEmpty()) {
            forget(offer.callId());
            log.warn("callback {} not retried: the queue did not release it ({})", offer.callId(),
                    failure == null ? "no longer queued" : failure.toString());
            return;
        }
        try {
            retries.retryAfter(released.get(), policy.retryDelay());
        } catch (RuntimeException e) {
            forget(offer.callId());
            log.warn("callback {} could not be kept for its retry: {}", offer.callId(), e.toString());
        }
    }

    private void pollRetries() {
        try {
            retries.poll(20, call -> {
                try {
                    distributor.enqueueCallback(call).toCompletableFuture().get(ENQUEUE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    log.info("callback {} queued again in {}", call.callId(), call.queue());
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (Exception e) {
                    log.warn("callback {} could not be queued again: {}", call.callId(), e.toString());
                    return false;
                }
            });
        } catch (RuntimeException e) {
            log.warn("callback retries not polled: {}", e.toString());
        }
    }

    private void end(SeatOffer offer, CallbackOutcome.Result result) {
        forget(offer.callId());
        log.info("callback {} ended without a conversation ({}): seat {} freed", offer.callId(), result, offer.seatId());
        distributor.abandon(new WaitingCall(offer.callId(), offer.queue(), "", "", ""));
    }

    private void forget(String callId) {
        dials.remove(callId);
        if (retries != null) {
            try {
                retries.forget(callId);
            } catch (RuntimeException e) {
                log.warn("callback {}: tries not cleared: {}", callId, e.toString());
            }
        }
    }

    /** Outcomes go on the order elsewhere; here only the end of a conversation matters. */
    @Override
    public void record(CallbackRequest request, CallbackOutcome outcome) {
    }

    /** The connected callback's conversation is over: the seat goes to wrap-up, as after a live call. */
    @Override
    public void callEnded(CallbackRequest request) {
        SeatOffer offer = talking.remove(request.callbackId());
        if (offer != null) {
            distributor.hangupAfterCall(offer);
        }
    }

    @Override
    public void close() {
        if (timers != null) {
            timers.shutdownNow();
        }
    }
}
