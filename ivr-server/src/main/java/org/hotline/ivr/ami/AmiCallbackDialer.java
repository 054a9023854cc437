package org.hotline.ivr.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.hotline.ivr.ami.CallbackOutcome.Attempt;
import org.hotline.ivr.ami.CallbackOutcome.Result;
import org.hotline.ivr.ops.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callback through AMI, seat first: Originate rings the seat's device; once the seat answers, its channel
 * enters the callback context, which dials the citizen with the hotline's caller id and reports back with
 * UserEvents (CallbackAnswered when the citizen picks up, CallbackDialed when the Dial ends). A citizen who
 * is not reached is tried again after the policy's delay, up to its attempts; a seat that does not answer
 * ends the callback at once (another seat should take it, which is the queue's choice).
 */
public final class AmiCallbackDialer implements CallbackDialer, AmiSubscriber, AmiEventClasses {

    private static final Logger log = LoggerFactory.getLogger(AmiCallbackDialer.class);

    private final Originator originator;
    private final CallbackPolicy policy;
    private final CallbackOutcomes outcomes;
    private final ScheduledExecutorService timers;
    /** The citizen leg of each attempt in progress, by {@code callbackId/attempt}. */
    private final Map<String, CompletableFuture<Attempt>> citizenLegs = new ConcurrentHashMap<>();
    /** Connected callbacks whose conversation is still going, by {@code callbackId/attempt}. */
    private final Map<String, CallbackRequest> talking = new ConcurrentHashMap<>();
    /** The link each answered seat leg was reported on: only its drop leaves the citizen leg unknown. */
    private final Map<String, String> legLinks = new ConcurrentHashMap<>();

    public AmiCallbackDialer(Originator originator, CallbackPolicy policy, CallbackOutcomes outcomes,
                             ScheduledExecutorService timers) {
        this.originator = originator;
        this.policy = policy;
        this.outcomes = outcomes;
        this.timers = timers;
    }

    @Override
    public List<Class<? extends ManagerEvent>> eventClasses() {
        return List.of(CallbackAnsweredEvent.class, CallbackDialedEvent.class);
    }

    @Override
    public CompletionStage<CallbackOutcome> dial(CallbackRequest request) {
        CompletableFuture<CallbackOutcome> done = new CompletableFuture<>();
        attempt(request, request.attempt(), new ArrayList<>(), done);
        return done.thenApply(outcome -> {
            if (outcome.result() == Result.CONNECTED) {
                talking.put(request.callbackId() + "/" + outcome.attempts().get(outcome.attempts().size() - 1).number(),
                        request);
            }
            outcomes.record(request, outcome);
            log.info("callback {} to {}: {} after {} attempt(s)", request.callbackId(),
                    PhoneNumbers.mask(request.citizenNumber()), outcome.result(), outcome.attempts().size());
            return outcome;
        });
    }

    private void attempt(CallbackRequest request, int number, List<Attempt> attempts, CompletableFuture<CallbackOutcome> done) {
        String leg = request.callbackId() + "/" + number;
        CompletableFuture<Attempt> citizen = new CompletableFuture<>();
        citizenLegs.put(leg, citizen);
        originator.originate(originateFor(request, number))
                .thenCompose(seat -> seat.answered() ? citizenLeg(leg, number, citizen, seat.link()) : seatLegFailed(number, seat))
                .whenComplete((attempt, error) -> {
                    citizenLegs.remove(leg);
                    legLinks.remove(leg);
                    attempts.add(attempt);
                    decide(request, number, attempts, done);
                });
    }

    private void decide(CallbackRequest request, int number, List<Attempt> attempts, CompletableFuture<CallbackOutcome> done) {
        Result last = attempts.get(attempts.size() - 1).result();
        boolean retry = (last == Result.CITIZEN_NOT_REACHED || last == Result.FAILED)
                && number - request.attempt() + 1 < policy.maxAttempts();
        if (retry) {
            timers.schedule(() -> attempt(request, number + 1, attempts, done), policy.retryDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            done.complete(new CallbackOutcome(request.callbackId(), last, attempts));
        }
    }

    private OriginateAction originateFor(CallbackRequest request, int number) {
        OriginateAction action = new OriginateAction();
        action.setChannel(request.seatDevice());
        action.setContext(policy.context());
        action.setExten("s");
        action.setPriority(1);
        // What the seat's phone shows while ringing: which callback this is.
        action.setCallerId("\"Callback " + request.orderId() + "\" <" + policy.callerId() + ">");
        action.setTimeout(policy.seatRingTimeout().toMillis());
        action.setVariable("CALLBACK_ID", request.callbackId());
        action.setVariable("CALLBACK_ATTEMPT", Integer.toString(number));
        action.setVariable("CALLBACK_DIAL", policy.dialString(request.citizenNumber()));
        action.setVariable("CALLBACK_TIMEOUT", Long.toString(policy.citizenRingTimeout().toSeconds()));
        action.setVariable("CALLBACK_CALLERID", policy.callerId());
        return action;
    }

    private CompletionStage<Attempt> seatLegFailed(int number, OriginateResult seat) {
        Result result = switch (seat.kind()) {
            case NOT_ANSWERED -> Result.SEAT_NOT_REACHED;
            default -> Result.FAILED;
        };
        String detail = seat.kind() + (seat.reason() >= 0 ? " reason " + seat.reason() : "")
                + (seat.detail() == null ? "" : ": " + seat.detail());
        return CompletableFuture.completedFuture(new Attempt(number, result, detail));
    }

    /** The seat answered: wait for the dialplan to report the citizen leg, at most the ring time and a margin. */
    private CompletionStage<Attempt> citizenLeg(String leg, int number, CompletableFuture<Attempt> citizen, String link) {
        if (link != null) {
            legLinks.put(leg, link);
        }
        long wait = policy.citizenRingTimeout().toMillis() + 15_000;
        timers.schedule(() -> citizen.complete(new Attempt(number, Result.UNKNOWN,
                "no report from the dialplan within " + wait + " ms")), wait, TimeUnit.MILLISECONDS);
        return citizen;
    }

    @Override
    public void onEvent(AmiLink link, ManagerEvent event) {
        if (event instanceof CallbackAnsweredEvent answered) {
            complete(answered.getCallbackId(), answered.getAttempt(), Result.CONNECTED, "ANSWER");
        } else if (event instanceof CallbackDialedEvent dialed && "ANSWER".equals(dialed.getDialStatus())) {
            CallbackRequest ended = talking.remove(dialed.getCallbackId() + "/" + dialed.getAttempt());
            if (ended != null) {
                outcomes.callEnded(ended);
            }
        } else if (event instanceof CallbackDialedEvent dialed) {
            Result result = "CANCEL".equals(dialed.getDialStatus()) ? Result.SEAT_NOT_REACHED : Result.CITIZEN_NOT_REACHED;
            complete(dialed.getCallbackId(), dialed.getAttempt(), result, dialed.getDialStatus());
        }
    }

    /** A drop while the citizen's phone rings: the call goes on in Asterisk, but we cannot know how it ends. */
    @Override
    public void onLinkDown(AmiLink link) {
        talking.clear();
        legLinks.forEach((leg, name) -> {
            CompletableFuture<Attempt> citizen = citizenLegs.get(leg);
            if (name.equals(link.name()) && citizen != null) {
                citizen.complete(new Attempt(Integer.parseInt(leg.substring(leg.lastIndexOf('/') + 1)), Result.UNKNOWN,
                        "AMI link " + link.name() + " dropped while the citizen's phone rang"));
            }
        });
    }

    private void complete(String callbackId, String attempt, Result result, String detail) {
        CompletableFuture<Attempt> citizen = citizenLegs.get(callbackId + "/" + attempt);
        if (citizen != null) {
            citizen.complete(new Attempt(Integer.parseInt(attempt), result, detail));
        }
    }
}
