package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.agi.AgiHangupException;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.speech.DescribeOptions;
import org.hotline.ivr.speech.Descriptions;
import org.hotline.ivr.speech.MenuAnswer;
import org.hotline.ivr.speech.SpeechModels;

/**
 * Spoken menu answers through the speech part: where a model is loaded for the caller's language, the menu
 * listens over AudioSocket for one of its phrases (or a key pressed meanwhile) instead of WAIT FOR DIGIT.
 */
public final class SpeechMenuAnswers implements FlowServices.SpeechMenus {

    /** Below this the recognizer's word confidence is not trusted: the caller is asked again, or keys it. */
    static final double MIN_CONFIDENCE = 0.6;

    private final Descriptions descriptions;
    private final SpeechModels models;
    private final IvrConfig.Audio audio;

    public SpeechMenuAnswers(Descriptions descriptions, SpeechModels models, IvrConfig.Audio audio) {
        this.descriptions = descriptions;
        this.models = models;
        this.audio = audio;
    }

    @Override
    public boolean available(String language) {
        return models.model(language).isPresent();
    }

    @Override
    public CompletionStage<String> listen(CallContext call, Map<String, List<String>> choices, Duration timeout,
                                          Duration endSilence) {
        List<String> phrases = new ArrayList<>();
        choices.values().forEach(phrases::addAll);
        UUID uuid = UUID.randomUUID();
        DescribeOptions options = DescribeOptions.menu(call.callId(), call.language(), phrases, audio, MIN_CONFIDENCE);
        var result = descriptions.expect(uuid, options.withLimits(options.maxLength(), endSilence));
        return SpeechDescriptionCapture.stream(call, uuid, audio).thenCombine(result, (hungUp, done) -> {
            if (hungUp) {
                throw new AgiHangupException("caller hung up during a spoken menu");
            }
            if (done.digits() != null && !done.digits().isEmpty()) {
                return done.digits().substring(0, 1);
            }
            return done.answer() == null ? "" : choiceFor(choices, done.answer());
        });
    }

    /** The choice (menu key) whose phrases hold the accepted answer; "" for none or a doubtful one. */
    public static String choiceFor(Map<String, List<String>> choices, MenuAnswer answer) {
        if (!answer.accepted()) {
            return "";
        }
        return choices.entrySet().stream().filter(e -> e.getValue().contains(answer.phrase()))
                .map(Map.Entry::getKey).findFirst().orElse("");
    }
}
