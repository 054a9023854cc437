package org.hotline.ivr.speech;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hotline.ivr.ops.IvrConfig;

/**
 * What to listen for on one stream: free speech ({@code phrases} empty) or one of a menu's spoken
 * answers, in {@code language}, ending on {@code endSilence} after the last word, {@code noSpeechTimeout}
 * without any, or {@code maxLength} of audio. {@code finishPrompt} (a WAV, or null) is played into the
 * stream {@link #FINISH_LEAD} before {@code maxLength}, so the caller is not cut off unwarned.
 */
public record DescribeOptions(String callId, String language, Duration maxLength, Duration endSilence,
                              Duration noSpeechTimeout, List<String> phrases, double minConfidence, Path finishPrompt) {

    /** How long before the length limit the caller hears the finish prompt. */
    public static final Duration FINISH_LEAD = Duration.ofSeconds(10);

    public DescribeOptions {
        phrases = List.copyOf(phrases);
    }

    public DescribeOptions(String callId, String language, Duration maxLength, Duration endSilence,
                           Duration noSpeechTimeout, List<String> phrases, double minConfidence) {
        this(callId, language, maxLength, endSilence, noSpeechTimeout, phrases, minConfidence, null);
    }

    /** A free-speech description with the configured limits. */
    public static DescribeOptions describe(String callId, String language, IvrConfig.Audio audio) {
        return new DescribeOptions(callId, language, audio.maxDescription(), audio.describeEndSilence(),
                audio.noSpeechTimeout(), List.of(), 0);
    }

    /** A spoken menu answer: one of {@code phrases}, accepted at {@code minConfidence} or above. */
    public static DescribeOptions menu(String callId, String language, List<String> phrases, IvrConfig.Audio audio,
                                       double minConfidence) {
        return new DescribeOptions(callId, language, Duration.ofSeconds(10), audio.menuEndSilence(),
                audio.noSpeechTimeout(), phrases, minConfidence);
    }

    /** These limits instead; a null {@code newEndSilence} keeps the current one. */
    public DescribeOptions withLimits(Duration newMaxLength, Duration newEndSilence) {
        return new DescribeOptions(callId, language, newMaxLength, newEndSilence == null ? endSilence : newEndSilence,
                noSpeechTimeout, phrases, minConfidence, finishPrompt);
    }

    public DescribeOptions withFinishPrompt(Path wav) {
        return new DescribeOptions(callId, language, maxLength, endSilence, noSpeechTimeout, phrases, minConfidence, wav);
    }

    public boolean isMenu() {
        return !phrases.isEmpty();
    }

    EndpointSettings endpointing() {
        return isMenu() ? new EndpointSettings(endSilence, noSpeechTimeout)
                : EndpointSettings.description(endSilence, noSpeechTimeout);
    }
}
