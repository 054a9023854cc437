package org.hotline.ivr.speech;

import java.time.Duration;
import java.util.List;
import org.hotline.ivr.ops.IvrConfig;

/**
 * What to listen for on one stream: free speech ({@code phrases} empty) or one of a menu's spoken
 * answers, in {@code language}, ending on {@code endSilence} after speech, {@code noSpeechTimeout}
 * without any, or {@code maxLength} of audio.
 */
public record DescribeOptions(String callId, String language, Duration maxLength, Duration endSilence,
                              Duration noSpeechTimeout, List<String> phrases, double minConfidence) {

    public DescribeOptions {
        phrases = List.copyOf(phrases);
    }

    /** A free-speech description with the configured limits. */
    public static DescribeOptions describe(String callId, String language, IvrConfig.Audio audio) {
        return new DescribeOptions(callId, language, audio.maxDescription(), audio.endSilence(),
                audio.noSpeechTimeout(), List.of(), 0);
    }

    /** A spoken menu answer: one of {@code phrases}, accepted at {@code minConfidence} or above. */
    public static DescribeOptions menu(String callId, String language, List<String> phrases, IvrConfig.Audio audio,
                                       double minConfidence) {
        return new DescribeOptions(callId, language, Duration.ofSeconds(10), audio.endSilence(),
                audio.noSpeechTimeout(), phrases, minConfidence);
    }

    public boolean isMenu() {
        return !phrases.isEmpty();
    }

    EndpointSettings endpointing() {
        return new EndpointSettings(endSilence, noSpeechTimeout);
    }
}
