package org.hotline.ivr.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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
    private final Clock clock;
    private final AgiCommandChannel agi;
    private final CallbackDialog callbackDialog;
    private WaitingCall waiting;
    private QueueConfig queue;
    private CompletableFuture<SeatOffer> offer;
    private long enteredAt;
    private long nextAnnouncementAt;
    private boolean callbackOffered;
    private boolean overflowed;

    HoldSession(CallDistributor distributor, HoldSettings settings, Clock clock, AgiCommandChannel agi,
                WaitingCall waiting, QueueConfig queue) {
        this.distributor = distributor;
        this.settings = settings;
        this.clock = clock;
        this.agi = agi;
        this.waiting = waiting;
        this.queue = queue;
        this.callbackDialog = new CallbackDialog(distributor, settings, agi);
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
            nextAnnouncementAt = now + queue.announceEvery().toMillis();
            return stopMusic().thenCompose(r -> announce()).thenCompose(this::afterAnnouncement);
        }
        return send(new WaitForDigitCommand(settings.poll().toMillis())).thenCompose(reply -> {
            if (callbackOffered && reply.getResultCode() == '1') {
                return stopMusic().thenCompose(r -> callbackDialog.run(waiting, offer)).thenCompose(this::afterAnnouncement);
            }
            return waitForSeat();
        });
    }

    /** Position and expected wait, then the callback offer if the wait is long; a key may end the prompt. */
    private CompletionStage<Optional<HoldOutcome>> announce() {
        return distributor.estimate(waiting).thenCompose(estimate -> {
            if (estimate.position() <= 0) {
                return CompletableFuture.completedFuture(Optional.<HoldOutcome>empty());
            }
            CompletionStage<AgiReply> spoken = send(new StreamFileCommand("queue/position", NO_KEYS))
                    .thenCompose(r -> send(new SayNumberCommand(Integer.toString(estimate.position()), NO_KEYS)));
            if (estimate.expectedWait().isPresent()) {
                long minutes = Math.max(1, (estimate.expectedWait().get().toSeconds() + 59) / 60);
                spoken = spoken.thenCompose(r -> send(new StreamFileCommand("queue/expected-wait", NO_KEYS)))
                        .thenCompose(r -> send(new SayNumberCommand(Long.toString(minutes), NO_KEYS)))
                        .thenCompose(r -> send(new StreamFileCommand("queue/minutes", NO_KEYS)));
            }
            if (!callbackWorthOffering(estimate)) {
                return spoken.thenApply(r -> Optional.<HoldOutcome>empty());
            }
            callbackOffered = true;
            return spoken.thenCompose(r -> send(new StreamFileCommand("queue/press-1-callback", "1")))
                    .thenCompose(reply -> reply.getResultCode() == '1'
                            ? callbackDialog.run(waiting, offer)
                            : CompletableFuture.completedFuture(Optional.<HoldOutcome>empty()));
        });
    }

    /** Long expected wait, no seat staffed at all, or past the maximum wait of a callback-overflow queue. */
    private boolean callbackWorthOffering(WaitEstimate estimate) {
        Duration threshold = queue.callbackOfferAfter();
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
        return send(dial)
                .thenCompose(r -> send(new GetVariableCommand("DIALSTATUS")))
                .thenCompose(reply -> {
                    String status = reply.getResultCode() == 1 ? reply.getExtra() : "";
                    if ("ANSWER".equals(status)) {
                        // The conversation took place: a Redis failure now must not send the caller anywhere
                        // (the seat is freed by the queue's settlement once Asterisk shows the call gone).
                        return distributor.answered(seat)
                                .thenCompose(r -> distributor.hangupAfterCall(seat))
                                .handle((r, failure) -> {
                                    if (failure != null) {
                                        withCallId(() -> log.warn("seat {} talked to the caller, but the end of the"
                                                + " call is not recorded: {}", seat.seatId(), failure.toString()));
                                    }
                                    return HoldOutcome.CONNECTED;
                                });
                    }
                    withCallId(() -> log.info("seat {} did not answer ({}): paused, caller back at the head",
                            seat.seatId(), status.isEmpty() ? "no DIALSTATUS" : status));
                    offer = distributor.ringNoAnswer(seat).toCompletableFuture();
                    return startMusic().thenCompose(r -> waitForSeat());
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
        return send(new ExecCommand("StartMusicOnHold", settings.musicClass()));
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
