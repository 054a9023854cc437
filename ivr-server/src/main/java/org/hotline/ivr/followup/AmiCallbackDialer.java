package org.hotline.ivr.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.hotline.ivr.ami.AmiEventClasses;
import org.hotline.ivr.ami.AmiLink;
import org.hotline.ivr.ami.AmiSubscriber;
import org.hotline.ivr.ami.LiveChannels;
import org.hotline.ivr.ami.OriginateResult;
import org.hotline.ivr.ami.Originator;
import org.hotline.ivr.followup.CallbackOutcome.Attempt;
import org.hotline.ivr.followup.CallbackOutcome.Result;
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
public final class AmiCallbackDialer implements CitizenCallbackDialer, AmiSubscriber, AmiEventClasses {

    private static final Logger log = LoggerFactory.getLogger(AmiCallbackDialer.class);

    private final Originator originator;
    private final CallbackPolicy policy;
    /** Where outcomes go (the order's history, the callback bridge), in the order they were added. */
    private final List<CallbackOutcomes> outcomes = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers;
    /** The citizen leg of each attempt in progress, by {@code callbackId/attempt}. */
    private final Map<String, CompletableFuture<Attempt>> citizenLegs = new ConcurrentHashMap<>();
    /**
     * Connected callbacks whose conversation is still going, by {@code callbackId/attempt}. Kept across a link drop:
     * the conversation goes on in Asterisk, and after the reconnect the channel list tells whether it still does.
     */
    private final Map<String, Talk> talking = new ConcurrentHashMap<>();
    /** The answered seat leg of each attempt waiting for its citizen leg: only its link's drop leaves that unknown. */
    private final Map<String, OriginateResult> seatLegs = new ConcurrentHashMap<>();

    /** A conversation in progress: the seat's channel on {@code link} lives as long as it does. */
    private record Talk(CallbackRequest request, String link, String seatUniqueId) {
    }

    public AmiCallbackDialer(Originator originator, CallbackPolicy policy, ScheduledExecutorService timers) {
        this.originator = originator;
        this.policy = policy;
        this.timers = timers;
    }

    /** {@code sink} hears of every outcome and every connected conversation's end, after those added before it. */
    public AmiCallbackDialer reportTo(CallbackOutcomes sink) {
        outcomes.add(sink);
        return this;
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
            record(request, outcome);
            log.info("callback {} to {}: {} after {} attempt(s)", request.callbackId(),
                    PhoneNumbers.mask(request.citizenNumber()), outcome.result(), outcome.attempts().size());
            return outcome;
        });
    }

    /** The outcome stands whatever happens to its record: a seat is talking or free either way. */
    private void record(CallbackRequest request, CallbackOutcome outcome) {
        for (CallbackOutcomes sink : outcomes) {
            try {
                sink.record(request, outcome);
            } catch (RuntimeException e) {
                log.warn("callback {} for order {}: outcome {} not recorded: {}", request.callbackId(),
                        request.orderId(), outcome.result(), e.toString());
            }
        }
    }

    private void conversationEnded(CallbackRequest request) {
        for (CallbackOutcomes sink : outcomes) {
            try {
                sink.callEnded(request);
            } catch (RuntimeException e) {
                log.warn("callback {}: end of conversation not handled: {}", request.callbackId(), e.toString());
            }
        }
    }

    private void attempt(CallbackRequest request, int number, List<Attempt> attempts, CompletableFuture<CallbackOutcome> done) {
        String leg = request.callbackId() + "/" + number;
        CompletableFuture<Attempt> citizen = new CompletableFuture<>();
        citizenLegs.put(leg, citizen);
        originator.originate(originateFor(request, number))
                .thenCompose(seat -> seat.answered() ? citizenLeg(leg, number, citizen, seat) : seatLegFailed(number, seat))
                .whenComplete((attempt, error) -> {
                    citizenLegs.remove(leg);
                    OriginateResult seat = seatLegs.remove(leg);
                    if (attempt.result() == Result.CONNECTED && seat != null) {
                        talking.put(leg, new Talk(request, seat.link(), seat.uniqueId()));
                    }
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
            Talk talk = last == Result.CONNECTED ? talking.get(request.callbackId() + "/" + number) : null;
            done.complete(new CallbackOutcome(request.callbackId(), last, attempts,
                    talk == null || talk.seatUniqueId() == null ? "" : talk.seatUniqueId()));
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
    private CompletionStage<Attempt> citizenLeg(String leg, int number, CompletableFuture<Attempt> citizen,
                                                OriginateResult seat) {
        seatLegs.put(leg, seat);
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
            Talk ended = talking.remove(dialed.getCallbackId() + "/" + dialed.getAttempt());
            if (ended != null) {
                conversationEnded(ended.request());
            }
        } else if (event instanceof CallbackDialedEvent dialed) {
            Result result = "CANCEL".equals(dialed.getDialStatus()) ? Result.SEAT_NOT_REACHED : Result.CITIZEN_NOT_REACHED;
            complete(dialed.getCallbackId(), dialed.getAttempt(), result, dialed.getDialStatus());
        }
    }

    /** A drop while the citizen's phone rings: the call goes on in Asterisk, but we cannot know how it ends. */
    @Override
    public void onLinkDown(AmiLink link) {
        seatLegs.forEach((leg, seat) -> {
            CompletableFuture<Attempt> citizen = citizenLegs.get(leg);
            if (link.name().equals(seat.link()) && citizen != null) {
                citizen.complete(new Attempt(Integer.parseInt(leg.substring(leg.lastIndexOf('/') + 1)), Result.UNKNOWN,
                        "AMI link " + link.name() + " dropped while the citizen's phone rang"));
            }
        });
    }

    /**
     * Back after a drop: a conversation whose seat channel this Asterisk no longer lists ended while we were away
     * (its CallbackDialed was lost with the link), so the seat goes to wrap-up now rather than stay on call forever.
     */
    @Override
    public void onLinkUp(AmiLink link) {
        if (talking.values().stream().noneMatch(talk -> link.name().equals(talk.link()))) {
            return;
        }
        LiveChannels channels = LiveChannels.of(link);
        if (channels.complete().isEmpty()) {
            log.warn("AMI {}: channel list after connect {}; connected callbacks are not checked against it",
                    link.name(), channels.problem());
            return;
        }
        talking.forEach((leg, talk) -> {
            if (link.name().equals(talk.link()) && (talk.seatUniqueId() == null
                    || !channels.uniqueIds().contains(talk.seatUniqueId()))
                    && talking.remove(leg, talk)) {
                log.info("callback {}: seat channel {} gone after the AMI link to {} came back; conversation over",
                        talk.request().callbackId(), talk.seatUniqueId(), link.name());
                conversationEnded(talk.request());
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
