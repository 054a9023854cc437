package org.hotline.ivr.queue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hotline.ivr.ami.CallbackOutcome;
import org.hotline.ivr.ami.CallbackOutcomes;
import org.hotline.ivr.ami.CallbackPolicy;
import org.hotline.ivr.ami.CallbackRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a callback whose turn has come to the AMI dialer (seat first, then the citizen, one attempt per turn)
 * and acts on how it went: connected puts the seat on call, and the end of that conversation sends the seat to
 * wrap-up; a seat that did not answer is paused and the callback goes back to the head of its queue; a citizen
 * who could not be reached frees the seat at once and, while the policy allows more attempts, the callback is
 * queued again after the retry delay, so no seat waits through the delay. The pending retries and attempt
 * counts live in this node's memory: a node that restarts during a retry delay drops that retry.
 */
public final class AmiCallbackBridge implements CallbackDialer, CallbackOutcomes, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiCallbackBridge.class);

    /** Tries so far of one callback: every dial, and those that reached the citizen's line. */
    private record Tries(int dials, int citizen) {
    }

    private final Supplier<org.hotline.ivr.ami.CallbackDialer> ami;
    private final CallbackPolicy policy;
    private final ScheduledExecutorService timers;
    private final Map<String, Tries> tries = new ConcurrentHashMap<>();
    /** Connected callbacks by id, until their conversation ends. */
    private final Map<String, SeatOffer> talking = new ConcurrentHashMap<>();
    private volatile CallDistributor distributor;

    /**
     * @param ami    the AMI dialer (built after this bridge, which is its outcome sink, hence the supplier); it
     *               should make one attempt per call, the retries being this bridge's
     * @param policy how many attempts a callback gets and the pause between them
     */
    public AmiCallbackBridge(Supplier<org.hotline.ivr.ami.CallbackDialer> ami, CallbackPolicy policy) {
        this.ami = ami;
        this.policy = policy;
        this.timers = policy.maxAttempts() <= 1 ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "callback-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One attempt per callback, no retries. */
    public AmiCallbackBridge(org.hotline.ivr.ami.CallbackDialer ami) {
        this(() -> ami, CallbackPolicy.defaults().withMaxAttempts(1));
    }

    /** The distributor is built with this dialer, so it is connected afterwards. */
    public void reportTo(CallDistributor target) {
        this.distributor = target;
    }

    @Override
    public void dial(SeatOffer offer) {
        Tries now = tries.merge(offer.callId(), new Tries(1, 0), (old, one) -> new Tries(old.dials() + 1, old.citizen()));
        CallbackRequest request = new CallbackRequest(offer.callId(), offer.callId(), offer.seatId(), offer.device(),
                offer.callbackNumber(), now.dials());
        ami.get().dial(request).whenComplete((outcome, failure) -> {
            CallbackOutcome.Result result = failure == null ? outcome.result() : CallbackOutcome.Result.FAILED;
            report(offer, result);
        });
    }

    private void report(SeatOffer offer, CallbackOutcome.Result result) {
        switch (result) {
            case CONNECTED -> {
                tries.remove(offer.callId());
                talking.put(offer.callId(), offer);
                distributor.answered(offer);
            }
            case SEAT_NOT_REACHED -> distributor.ringNoAnswer(offer);
            case CITIZEN_NOT_REACHED, FAILED -> citizenNotReached(offer, result);
            default -> end(offer, result);
        }
    }

    private void citizenNotReached(SeatOffer offer, CallbackOutcome.Result result) {
        Tries now = tries.computeIfPresent(offer.callId(), (id, old) -> new Tries(old.dials(), old.citizen() + 1));
        if (now == null || now.citizen() >= policy.maxAttempts() || timers == null) {
            end(offer, result);
            return;
        }
        log.info("callback {}: citizen not reached ({}), attempt {} of {}; seat {} freed, queued again in {}",
                offer.callId(), result, now.citizen(), policy.maxAttempts(), offer.seatId(), policy.retryDelay());
        distributor.releaseCallback(offer).whenComplete((released, failure) -> timers.schedule(() -> requeue(offer),
                policy.retryDelay().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void requeue(SeatOffer offer) {
        distributor.enqueueCallback(new WaitingCall(offer.callId(), offer.queue(), "", "", offer.callbackNumber()))
                .whenComplete((queued, failure) -> {
                    if (failure != null) {
                        tries.remove(offer.callId());
                        log.warn("callback {} could not be queued again: {}", offer.callId(), failure.toString());
                    }
                });
    }

    private void end(SeatOffer offer, CallbackOutcome.Result result) {
        tries.remove(offer.callId());
        log.info("callback {} ended without a conversation ({}): seat {} freed", offer.callId(), result, offer.seatId());
        distributor.abandon(new WaitingCall(offer.callId(), offer.queue(), "", "", ""));
    }

    /** Outcomes go on the order elsewhere; here only the end of a conversation matters. */
    @Override
    public void record(CallbackRequest request, CallbackOutcome outcome) {
    }

    /** The connected callback's conversation is over: the seat goes to wrap-up, as after a live call. */
    @Override
    public void callEnded(CallbackRequest request) {
        SeatOffer offer = talking.remove(request.callbackId());
        if (offer != null && distributor != null) {
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
