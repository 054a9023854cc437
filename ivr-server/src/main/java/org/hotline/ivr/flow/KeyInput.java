package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.ChannelStatusCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * Asking the caller for a choice or digits over AGI: a prompt any key interrupts, then a wait for a key or,
 * where a speech model exists for the caller's language, for a spoken answer.
 */
final class KeyInput {

    static final String ALL_KEYS = "0123456789*#";

    private final FlowServices services;

    KeyInput(FlowServices services) {
        this.services = services;
    }

    /** Plays prompts uninterrupted. */
    static CompletionStage<Void> play(CallContext call, List<Ref> prompts) {
        CompletionStage<?> done = CompletableFuture.completedFuture(null);
        for (Ref prompt : prompts) {
            done = done.thenCompose(r -> send(call, new StreamFileCommand(prompt.name(), "")));
        }
        return done.thenApply(r -> null);
    }

    /**
     * Sends a command that plays, reads or runs an application. Asterisk answers such a command with
     * {@code result=-1} both when the caller hung up during it (its HANGUP line follows) and when it merely
     * failed (a missing sound file); a CHANNEL STATUS tells the two apart, so a hang-up is noticed at the
     * node where it happened and a missing prompt does not drop the call.
     */
    static CompletionStage<AgiReply> send(CallContext call, AgiCommand command) {
        return call.agi().send(command).thenCompose(reply -> reply.getResultCode() != -1
                ? CompletableFuture.completedFuture(reply)
                : call.agi().send(new ChannelStatusCommand()).thenApply(alive -> reply));
    }

    static CompletionStage<Void> play(CallContext call, Ref prompt) {
        return prompt == null ? CompletableFuture.completedFuture(null) : play(call, List.of(prompt));
    }

    /**
     * Plays {@code prompt} and returns the chosen key: pressed during or after it, or the key whose phrases
     * the caller said (choices: key -> phrases in the caller's language). "" when nothing came in time.
     */
    CompletionStage<String> choose(CallContext call, Ref prompt, Duration timeout, Duration endSilence,
                                   Map<String, List<String>> spoken) {
        return send(call, new StreamFileCommand(prompt.name(), ALL_KEYS)).thenCompose(reply -> {
            String key = key(reply);
            if (!key.isEmpty()) {
                return CompletableFuture.completedFuture(key);
            }
            if (!spoken.isEmpty() && services.speech().available(call.language())) {
                return services.speech().listen(call, spoken, timeout, endSilence);
            }
            return send(call, new WaitForDigitCommand(timeout.toMillis())).thenApply(KeyInput::key);
        }).thenApply(key -> {
            call.keyed(key);
            return key;
        });
    }

    /** GET DATA: up to {@code max} digits, ended by # or the timeout. */
    static CompletionStage<String> digits(CallContext call, Ref prompt, Duration timeout, int max) {
        return send(call, new GetDataCommand(prompt.name(), timeout.toMillis(), max)).thenApply(reply -> {
            String result = reply.getResult();
            String digits = result == null ? "" : result.replaceAll("[^0-9*]", "");
            call.keyed(digits);
            return digits;
        });
    }

    /** STREAM FILE and WAIT FOR DIGIT answer with the key's character code; 0 means none, -1 failure. */
    static String key(AgiReply reply) {
        int code = reply.getResultCode();
        return code > 0 ? String.valueOf((char) code) : "";
    }
}
