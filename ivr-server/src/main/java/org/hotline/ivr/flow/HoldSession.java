package org.hotline.ivr.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline.ivr.agi.AgiCommandChannel;
import org.hotline.ivr.agi.AgiHangupException;
import org.hotline.ivr.ops.Durations;
import org.hotline.ivr.redis.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.queue.WaitEstimate;
import org.hotline.ivr.queue.SeatOffer;
import org.hotline.ivr.queue.QueueConfig;
import org.hotline.ivr.queue.CallerHangup;
import org.hotline.ivr.queue.CallDistributor;

/**
 * One caller's wait. Music plays in the background (StartMusicOnHold) while the loop polls with
 * WAIT FOR DIGIT, so a reserved seat is dialed within one poll and a "1" is heard at any moment;
 * announcements stop the music, speak, and start it again. No thread waits: every step is a stage.
 */
final class HoldSession {

    private static final Logger log = LoggerFactory.getLogger(HoldSession.class);
    private static final String NO_KEYS = "";

    private final CallDistributor distributor;
    private final HoldSettings settings;
    private final HoldPlan plan;
    private final Consumer<String> journal;
    private final Clock clock;
    private final AgiCommandChannel agi;
    private final CallbackDialog callbackDialog;
    private final HeldCalls holds;
    private WaitingCall waiting;
    private QueueConfig queue;
    private CompletableFuture<SeatOffer> offer;
    private long enteredAt;
    private long nextAnnouncementAt;
    private boolean callbackOffered;
    private boolean overflowed;

    HoldSession(CallDistributor distributor, HoldSettings settings, HoldPlan plan, Consumer<String> journal, Clock clock,
                AgiCommandChannel agi, WaitingCall waiting, QueueConfig queue, HeldCalls holds) {
        this.distributor = distributor;
        this.holds = holds;
        this.settings = settings;
        this.plan = plan;
        this.journal = journal;
        this.clock = clock;
        this.agi = agi;
        this.waiting = waiting;
        this.queue = queue;
        this.callbackDialog = new CallbackDialog(distributor, settings, plan.prompts(), journal, agi);
    }

    CompletionStage<HoldOutcome> run() {
        enteredAt = clock.millis();
        nextAnnouncementAt = enteredAt;
        offer = distributor.enqueue(waiting).toCompletableFuture();
        return send(new SetVariableCommand("CHANNEL(language)", waiting.language()))
                .thenCompose(r -> startMusic())
                .thenCompose(r -> waitForSeat())
                .exceptionallyCompose(this::ended);
    }

    private CompletionStage<HoldOutcome> waitForSeat() {
        if (offer.isDone() && !offer.isCancelled()) {
            return stopMusic().thenCompose(r -> dial(offer.join()));
        }
        long now = clock.millis();
        if (!overflowed && queue.overflow() == QueueConfig.Overflow.QUEUE && waitedMillis(now) >= queue.maxWait().toMillis()) {
            return overflow().thenCompose(r -> waitForSeat());
        }
        if (now >= nextAnnouncementAt) {
            nextAnnouncementAt = now + plan.announceEvery(queue.announceEvery()).toMillis();
            return stopMusic().thenCompose(r -> announce()).thenCompose(this::afterAnnouncement);
        }
        return send(new WaitForDigitCommand(settings.poll().toMillis())).thenCompose(reply -> {
            if (callbackOffered && reply.getResultCode() == '1') {
                return stopMusic().thenCompose(r -> callbackDialog.run(waiting, offer)).thenCompose(this::afterAnnouncement);
            }
            return waitForSeat();
        });
    }

    /**
     * Position and expected wait (as far as the plan says them), then the callback offer if the wait is long; a key
     * may end the prompt.
     */
    private CompletionStage<Optional<HoldOutcome>> announce() {
        return distributor.estimate(waiting).thenCompose(estimate -> {
            if (estimate.position() <= 0) {
                return CompletableFuture.completedFuture(Optional.<HoldOutcome>empty());
            }
            HoldPlan.Prompts prompts = plan.prompts();
            List<String> said = new ArrayList<>();
            CompletionStage<AgiReply> spoken = CompletableFuture.completedFuture(null);
            if (plan.position()) {
                said.add("position " + estimate.position());
                spoken = spoken.thenCompose(r -> send(new StreamFileCommand(prompts.position().name(), NO_KEYS)))
                        .thenCompose(r -> send(new SayNumberCommand(Integer.toString(estimate.position()), NO_KEYS)));
            }
            if (plan.expectedWait() && estimate.expectedWait().isPresent()) {
                long minutes = Math.max(1, (estimate.expectedWait().get().toSeconds() + 59) / 60);
                said.add("expected wait " + minutes + " min");
                spoken = spoken.thenCompose(r -> send(new StreamFileCommand(prompts.expectedWait().name(), NO_KEYS)))
                        .thenCompose(r -> send(new SayNumberCommand(Long.toString(minutes), NO_KEYS)))
                        .thenCompose(r -> send(new StreamFileCommand(prompts.minutes().name(), NO_KEYS)));
            }
            boolean offering = callbackWorthOffering(estimate);
            if (offering) {
                said.add("callback offered");
            }
            if (!said.isEmpty()) {
                journal.accept("hold: " + String.join(", ", said));
            }
            if (!offering) {
                return spoken.thenApply(r -> Optional.<HoldOutcome>empty());
            }
            callbackOffered = true;
            return spoken.thenCompose(r -> send(new StreamFileCommand(prompts.offerCallback().name(), "1")))
                    .thenCompose(reply -> reply.getResultCode() == '1'
                            ? callbackDialog.run(waiting, offer)
                            : CompletableFuture.completedFuture(Optional.<HoldOutcome>empty()));
        });
    }

    /** Long expected wait, no seat staffed at all, or past the maximum wait of a callback-overflow queue. */
    private boolean callbackWorthOffering(WaitEstimate estimate) {
        if (!plan.offerCallback()) {
            return false;
        }
        Duration threshold = plan.offerCallbackAfter(queue.callbackOfferAfter());
        boolean longWait = estimate.expectedWait().map(wait -> wait.compareTo(threshold) > 0).orElse(true);
        boolean pastMax = queue.overflow() == QueueConfig.Overflow.CALLBACK
                && estimate.waited().compareTo(queue.maxWait()) >= 0;
        return longWait || pastMax;
    }

    private CompletionStage<HoldOutcome> afterAnnouncement(Optional<HoldOutcome> outcome) {
        if (outcome.isPresent()) {
            return CompletableFuture.completedFuture(outcome.get());
        }
        return startMusic().thenCompose(r -> waitForSeat());
    }

    private CompletionStage<Void> overflow() {
        overflowed = true;
        String target = queue.overflowQueue();
        return distributor.moveToQueue(waiting, target).handle((position, failure) -> {
            if (failure == null) {
                log.info("call {} waited past {} in {}: moved to {}", waiting.callId(), queue.maxWait(), queue.id(), target);
                journal.accept("hold: waited past " + Durations.format(queue.maxWait()) + " in " + queue.id()
                        + ", moved to " + target);
                queue = distributor.setup().requireQueue(target);
                waiting = new WaitingCall(waiting.callId(), target, waiting.priorityClass(), waiting.language(),
                        waiting.callerNumber());
            }
            return null;
        });
    }

    /** Rings the reserved seat; no answer pauses it and the caller waits on at the head of the queue. */
    private CompletionStage<HoldOutcome> dial(SeatOffer seat) {
        String ringSeconds = Long.toString(Math.max(1, seat.ringTimeout().toSeconds()));
        String options = settings.dialOptionsFor(seat);
        ExecCommand dial = options.isEmpty() ? new ExecCommand("Dial", seat.device(), ringSeconds)
                : new ExecCommand("Dial", seat.device(), ringSeconds, options);
        withCallId(() -> log.info("dialing seat {} ({}) after {} s", seat.seatId(), seat.device(), seat.waited().toSeconds()));
        journal.accept("hold: seat " + seat.seatId() + " rung after " + seat.waited().toSeconds() + " s waiting");
        return send(dial)
                .thenCompose(r -> send(new GetVariableCommand("DIALSTATUS")))
                .thenCompose(reply -> {
                    String status = reply.getResultCode() == 1 ? reply.getExtra() : "";
                    if ("ANSWER".equals(status)) {
                        journal.accept("hold: seat " + seat.seatId() + " answered");
                        // The seat may have left the bridge for a hold or a hand-over rather than hung up.
                        return holds.read(waiting.callId()).thenCompose(hold -> afterSeatLeft(seat, hold));
                    }
                    String why = status.isEmpty() ? "no DIALSTATUS" : status;
                    withCallId(() -> log.info("seat {} did not answer ({}): paused, caller back at the head",
                            seat.seatId(), why));
                    journal.accept("hold: seat " + seat.seatId() + " did not answer (" + why + "), caller back at the head");
                    offer = distributor.ringNoAnswer(seat).toCompletableFuture();
                    return startMusic().thenCompose(r -> waitForSeat());
                });
    }

    /** The conversation took place: a Redis failure now must not send the caller anywhere. */
    private CompletionStage<HoldOutcome> settle(SeatOffer seat) {
        // (the seat is freed by the queue's settlement once Asterisk shows the call gone)
        return holds.clear(waiting.callId()).exceptionally(failure -> null)
                .thenCompose(r -> distributor.answered(seat))
                .thenCompose(r -> distributor.hangupAfterCall(seat))
                .handle((r, failure) -> {
                    if (failure != null) {
                        withCallId(() -> log.warn("seat {} talked to the caller, but the end of the"
                                + " call is not recorded: {}", seat.seatId(), failure.toString()));
                    }
                    return HoldOutcome.CONNECTED;
                });
    }

    /**
     * The seat's channel left the bridge (Dial or Bridge returned): hung up, or moved by the console (HeldCalls says
     * which). Held: hold music until the seat asks for the caller back; handed to a queue: wait there anew.
     */
    private CompletionStage<HoldOutcome> afterSeatLeft(SeatOffer seat, Optional<HeldCalls.Hold> hold) {
        HeldCalls.State state = hold.map(HeldCalls.Hold::state).orElse(HeldCalls.State.ENDED);
        return switch (state) {
            case HELD -> {
                withCallId(() -> log.info("seat {} put the caller on hold", seat.seatId()));
                journal.accept("hold: seat " + seat.seatId() + " put the caller on hold");
                yield startMusic().thenCompose(r -> whileHeld(seat, hold.get().seatChannel()));
            }
            case RESUME -> bridgeBack(seat, hold.get().seatChannel());
            case REQUEUE -> requeue(seat, hold.get().queue());
            case TALKING, ENDED -> settle(seat);
        };
    }

    private CompletionStage<HoldOutcome> whileHeld(SeatOffer seat, String seatChannel) {
        return send(new WaitForDigitCommand(settings.poll().toMillis()))
                .thenCompose(r -> holds.read(waiting.callId()))
                .thenCompose(hold -> {
                    HeldCalls.State state = hold.map(HeldCalls.Hold::state).orElse(HeldCalls.State.ENDED);
                    if (state == HeldCalls.State.HELD) {
                        return whileHeld(seat, seatChannel);
                    }
                    return stopMusic().thenCompose(r -> switch (state) {
                        case RESUME -> bridgeBack(seat, seatChannel);
                        case REQUEUE -> requeue(seat, hold.get().queue());
                        default -> settle(seat);
                    });
                });
    }

    /** The seat takes the caller back: the caller's channel is bridged to the seat's, waiting in [ivr-seat-hold]. */
    private CompletionStage<HoldOutcome> bridgeBack(SeatOffer seat, String seatChannel) {
        withCallId(() -> log.info("seat {} takes the caller back from hold", seat.seatId()));
        return holds.talking(waiting.callId())
                .thenCompose(r -> send(new ExecCommand("Bridge", seatChannel)))
                .thenCompose(r -> send(new GetVariableCommand("BRIDGERESULT")))
                .thenCompose(reply -> {
                    String result = reply.getResultCode() == 1 ? reply.getExtra() : "";
                    if (!"SUCCESS".equals(result)) {
                        withCallId(() -> log.info("seat {} channel gone before the caller came back ({})",
                                seat.seatId(), result.isEmpty() ? "no BRIDGERESULT" : result));
                        return settle(seat);
                    }
                    return holds.read(waiting.callId()).thenCompose(hold -> afterSeatLeft(seat, hold));
                });
    }

    /** Handed over by the seat: its conversation is over (wrap-up), the caller waits in the other queue. */
    private CompletionStage<HoldOutcome> requeue(SeatOffer seat, String target) {
        Optional<QueueConfig> next = distributor.setup().queue(target);
        if (next.isEmpty()) {
            withCallId(() -> log.warn("seat {} handed the caller to unknown queue {}: call ends", seat.seatId(), target));
            return settle(seat);
        }
        return settle(seat).thenCompose(r -> {
            withCallId(() -> log.info("seat {} handed the caller to queue {}", seat.seatId(), target));
            journal.accept("hold: seat " + seat.seatId() + " handed the caller to queue " + target);
            queue = next.get();
            waiting = new WaitingCall(waiting.callId(), target, waiting.priorityClass(), waiting.language(),
                    waiting.callerNumber());
            enteredAt = clock.millis();
            nextAnnouncementAt = enteredAt;
            overflowed = false;
            offer = distributor.enqueue(waiting).toCompletableFuture();
            return startMusic().thenCompose(m -> waitForSeat());
        });
    }

    /**
     * The caller hung up (or the channel failed): leave the queue, or end the conversation if one began. When it
     * was Redis that failed, the caller is still on the line: they leave the queue if Redis lets them, and the
     * failure goes on to the flow, whose fallback takes them (an "abandoned" here would end the AGI script, and
     * Asterisk would hang up on them in silence).
     */
    private CompletionStage<HoldOutcome> ended(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof AgiHangupException)) {
            withCallId(() -> log.warn("hold loop failed: {}", cause.toString()));
        }
        holds.clear(waiting.callId());
        CompletionStage<HoldOutcome> left = distributor.callerHungUp(waiting).thenApply(gone ->
                gone == CallerHangup.AFTER_CONVERSATION ? HoldOutcome.CONNECTED : HoldOutcome.ABANDONED);
        if (cause instanceof AgiHangupException || !RedisUnavailableException.isCauseOf(cause)) {
            return left;
        }
        return left.handle((outcome, stillAway) -> {
            throw new CompletionException(cause);
        });
    }

    private CompletionStage<AgiReply> startMusic() {
        return send(new ExecCommand("StartMusicOnHold", plan.music() != null ? plan.music() : settings.musicClass()));
    }

    private CompletionStage<AgiReply> stopMusic() {
        return send(new ExecCommand("StopMusicOnHold"));
    }

    private long waitedMillis(long now) {
        return now - enteredAt;
    }

    private CompletionStage<AgiReply> send(AgiCommand command) {
        return agi.send(command);
    }

    private void withCallId(Runnable logging) {
        MDC.put("callId", waiting.callId());
        try {
            logging.run();
        } finally {
            MDC.remove("callId");
        }
    }
}
