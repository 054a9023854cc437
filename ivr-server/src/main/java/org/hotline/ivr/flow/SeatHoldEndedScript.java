package org.hotline.ivr.flow;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AGI script {@code seat-hold-ended}: run by {@code [ivr-seat-hold]}'s {@code h} extension when the channel of a seat
 * whose caller is on hold hangs up (the operator put the phone down), with the call id (a channel Bridge() took
 * over also ends there, as {@code Surrogate/...}, and is no hang-up). A caller still held is then
 * taken off hold by their loop and the call ends as after any conversation, instead of hearing music for ever.
 */
public final class SeatHoldEndedScript implements AgiScript {

    public static final String NAME = "seat-hold-ended";
    private static final Logger log = LoggerFactory.getLogger(SeatHoldEndedScript.class);

    private final HeldCalls holds;

    public SeatHoldEndedScript(HeldCalls holds) {
        this.holds = holds;
    }

    @Override
    public CompletionStage<?> run(AgiCall call) {
        List<String> args = call.request().arguments();
        if (args.isEmpty() || args.get(0).isBlank()) {
            log.warn("seat-hold-ended needs the call id; got {}", args);
            return CompletableFuture.completedFuture(null);
        }
        if (call.request().channel().startsWith("Surrogate/")) {
            // Not a hang-up: a Bridge() (the consulted party's, or the hold loop's) took the seat's channel over, and
            // Asterisk ends the original it leaves behind, named Surrogate/..., through this h extension.
            return CompletableFuture.completedFuture(null);
        }
        return holds.read(args.get(0)).thenCompose(hold -> {
            if (hold.isPresent() && hold.get().state() == HeldCalls.State.HELD) {
                log.info("the seat of held call {} hung up: the caller's hold ends", args.get(0));
                return holds.endAsync(args.get(0));
            }
            return CompletableFuture.completedFuture(null);
        });
    }
}
