package org.hotline.ivr.demo;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiCommandChannel;
import org.hotline.ivr.agi.AgiHangupException;
import org.hotline.ivr.agi.AgiScript;
import org.hotline.ivr.redis.RedisGateway;

/**
 * Answer, welcome, ask for up to four digits, say them back, good-bye, hang up; each step journaled in
 * Redis. A caller who hangs up midway still leaves a journal ending in {@code hangup}.
 */
public final class DemoScript implements AgiScript {

    private final RedisGateway redis;

    public DemoScript(RedisGateway redis) {
        this.redis = redis;
    }

    @Override
    public CompletionStage<?> run(AgiCall call) {
        CallJournal journal = new CallJournal(redis, call.id());
        journal.started(Map.of("script", call.request().script(), "caller", call.request().callerId(),
                "channel", call.request().channel(), "started", Instant.now().toString()));
        AgiCommandChannel agi = call.channel();
        return agi.send(new AnswerCommand())
                .thenCompose(r -> step(journal, "answer", agi.send(new StreamFileCommand("demo/welcome", "#"))))
                .thenCompose(r -> agi.send(new GetDataCommand("demo/enter-digits", 5000, 4)))
                .thenCompose(reply -> {
                    if ("-1".equals(reply.getResult())) {
                        // Real Asterisk answers "200 result=-1" when the caller hangs up during GET DATA and
                        // sends its HANGUP line only after that reply: -1 is a hangup, not the digit 1.
                        throw new AgiHangupException("caller hung up during GET DATA");
                    }
                    String digits = digitsOf(reply);
                    journal.step("get-data", digits.isEmpty() ? "(timeout)" : digits);
                    return digits.isEmpty() ? CompletableFuture.completedFuture(reply)
                            : agi.send(new SayDigitsCommand(digits));
                })
                .thenCompose(r -> agi.send(new StreamFileCommand("demo/goodbye", "")))
                .thenCompose(r -> agi.send(new HangupCommand()))
                .handle((r, error) -> error)
                .thenCompose(error -> journal.ended(outcome(error)));
    }

    private static CompletionStage<AgiReply> step(CallJournal journal, String name, CompletionStage<AgiReply> next) {
        journal.step(name, "ok");
        return next;
    }

    private static String digitsOf(AgiReply reply) {
        String result = reply.getResult();
        return result == null || reply.getAttribute("timeout") != null && result.isEmpty()
                ? "" : result.replaceAll("[^0-9*#]", "");
    }

    private static String outcome(Throwable error) {
        Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            return "completed";
        }
        return cause instanceof AgiHangupException ? "hangup" : "failed: " + cause.getMessage();
    }
}
