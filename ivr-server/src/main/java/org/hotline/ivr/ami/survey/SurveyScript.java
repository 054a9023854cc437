package org.hotline.ivr.ami.survey;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The FastAGI script {@code survey}: the call the survey dialer placed lands here with the order id in
 * channel variable {@code SURVEY_ORDER} (or as the script's first argument). Asks by key "was it resolved?"
 * (1 yes, 2 no) and "how satisfied are you?" (1 satisfied, 2 basically, 3 dissatisfied), each up to three
 * times, thanks the citizen, and records whatever was answered, even if the citizen hung up half way.
 * Prompts are sound files under {@code survey/} in the channel's language.
 */
public final class SurveyScript implements AgiScript {

    public static final String NAME = "survey";
    static final String RESOLVED_PROMPT = "survey/resolved";
    static final String SATISFIED_PROMPT = "survey/satisfied";
    static final String INVALID_PROMPT = "survey/invalid";
    static final String THANKS_PROMPT = "survey/thanks";
    private static final int TRIES = 3;
    private static final long KEY_TIMEOUT_MS = 6000;

    private static final Logger log = LoggerFactory.getLogger(SurveyScript.class);

    private final SurveyAnswers answers;
    private final Clock clock;

    public SurveyScript(SurveyAnswers answers, Clock clock) {
        this.answers = answers;
        this.clock = clock;
    }

    @Override
    public CompletionStage<?> run(AgiCall call) {
        Progress progress = new Progress();
        return orderId(call)
                .thenCompose(order -> {
                    progress.orderId = order;
                    return ask(call, RESOLVED_PROMPT, key -> "1".equals(key) ? Boolean.TRUE : "2".equals(key) ? Boolean.FALSE : null);
                })
                .thenCompose(resolved -> {
                    progress.resolved = resolved;
                    return ask(call, SATISFIED_PROMPT, key -> Satisfaction.ofKey(key).orElse(null));
                })
                .thenCompose(satisfaction -> {
                    progress.satisfaction = satisfaction;
                    return call.channel().send(new StreamFileCommand(THANKS_PROMPT, ""));
                })
                .handle((done, error) -> {
                    record(call, progress, error);
                    return null;
                });
    }

    private CompletionStage<String> orderId(AgiCall call) {
        return call.channel().send(new GetVariableCommand("SURVEY_ORDER")).thenApply(reply -> {
            String fromVariable = reply.getResultCode() == 1 ? reply.getExtra() : null;
            if (fromVariable != null && !fromVariable.isBlank()) {
                return fromVariable;
            }
            if (!call.request().arguments().isEmpty() && !call.request().arguments().get(0).isBlank()) {
                return call.request().arguments().get(0);
            }
            throw new IllegalArgumentException("survey call without SURVEY_ORDER variable or argument");
        });
    }

    /** One question, asked again on a wrong key or silence; completes with null when never answered. */
    private <T> CompletionStage<T> ask(AgiCall call, String prompt, Function<String, T> meaning) {
        return askTry(call, prompt, meaning, 1);
    }

    private <T> CompletionStage<T> askTry(AgiCall call, String prompt, Function<String, T> meaning, int attempt) {
        return call.channel().send(new GetDataCommand(prompt, KEY_TIMEOUT_MS, 1)).thenCompose(reply -> {
            T answer = meaning.apply(digits(reply));
            if (answer != null || attempt >= TRIES) {
                return CompletableFuture.completedFuture(answer);
            }
            return call.channel().send(new StreamFileCommand(INVALID_PROMPT, ""))
                    .thenCompose(played -> askTry(call, prompt, meaning, attempt + 1));
        });
    }

    private static String digits(AgiReply reply) {
        String result = reply.getResult();
        return result == null ? "" : result.trim();
    }

    private void record(AgiCall call, Progress progress, Throwable error) {
        MDC.put("callId", call.id());
        try {
            if (progress.orderId == null) {
                log.warn("survey call without an order id: nothing recorded ({})", error == null ? "" : error.getMessage());
                return;
            }
            SurveyAnswer answer = new SurveyAnswer(progress.orderId, call.id(), progress.resolved, progress.satisfaction,
                    clock.instant());
            try {
                answers.record(answer);
            } catch (RuntimeException e) {
                log.warn("survey answer NOT recorded ({}), recover by hand: {}", e.toString(), answer.describe());
                return;
            }
            log.info("survey for order {}: resolved={} satisfaction={}{}", progress.orderId, progress.resolved,
                    progress.satisfaction, error == null ? "" : " (call ended early)");
        } finally {
            MDC.remove("callId");
        }
    }

    /** Answers so far; touched by one stage at a time. */
    private static final class Progress {
        String orderId;
        Boolean resolved;
        Satisfaction satisfaction;
    }
}
