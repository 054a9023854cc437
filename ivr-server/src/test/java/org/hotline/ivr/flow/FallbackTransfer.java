package org.hotline.ivr.flow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;

/**
 * A test stand-in (flow-engine tests without the queue part; production runs QueuePartQueueing).
 * Enqueue while no call distributor is wired: the call is dialled to the flow's {@code queue-fallback}
 * target (an operator group), and the outcome is Asterisk's DIALSTATUS. A flow without one keeps the
 * caller's order and ends with {@code no-distributor}.
 */
public final class FallbackTransfer implements FlowServices.CallQueueing {

    @Override
    public CompletionStage<String> enqueue(CallContext call, FlowServices.QueueRequest request) {
        String target = call.flow().queueFallback();
        if (target.isBlank()) {
            return CompletableFuture.completedFuture("no-distributor");
        }
        return KeyInput.send(call, new ExecCommand("Dial", target + "," + DialStatus.DIAL_SECONDS))
                .thenCompose(r -> call.agi().send(new GetVariableCommand("DIALSTATUS")))
                .thenApply(reply -> "fallback " + target + ": " + DialStatus.of(reply));
    }

}
