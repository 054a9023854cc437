package org.hotline.ivr.flow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;

/**
 * Where a caller goes when a step could not reach Redis after its retries: never a silent hang-up. The flow's
 * {@code on-error} node takes the call on from there; without one, hold music stops, the caller hears
 * {@value Flow#HOLD_PROMPT} in their language and is dialled to the flow's {@code queue-fallback} (the operators'
 * group), and the call ends with that Dial's outcome.
 */
final class RedisFallback {

    private RedisFallback() {
    }

    /** Where the caller goes: the on-error node, or the end of the run after the operators' group. */
    static CompletionStage<Transition> route(CallContext call) {
        Flow flow = call.flow();
        if (flow.onError() != null) {
            return CompletableFuture.completedFuture(Transition.to(flow.onError()));
        }
        String target = flow.queueFallback();
        return KeyInput.send(call, new ExecCommand("StopMusicOnHold"))
                .thenCompose(r -> KeyInput.play(call, new Ref(Flow.HOLD_PROMPT, null)))
                .thenCompose(r -> call.agi().send(new SetVariableCommand("__IVR_LANGUAGE", call.language())))
                .thenCompose(r -> KeyInput.send(call, new ExecCommand("Dial", target + ","
                        + DialStatus.DIAL_SECONDS)))
                .thenCompose(r -> call.agi().send(new GetVariableCommand("DIALSTATUS")))
                .thenApply(reply -> Transition.end("redis-fallback " + target + ": " + DialStatus.of(reply)));
    }

    /** What the journal says about it. */
    static String why(CallContext call, String node, Throwable cause) {
        Flow flow = call.flow();
        return "Redis unreachable at " + node + " (" + cause.getMessage() + "): caller sent to "
                + (flow.onError() != null ? "on-error node " + flow.onError().name()
                : Flow.HOLD_PROMPT + " then " + flow.queueFallback());
    }
}
