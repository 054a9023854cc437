package org.hotline.ivr.speech;

import java.util.List;
import java.util.Optional;

/**
 * Where a description or a spoken menu answer gets its recognizer: {@link Recognizers} (Vosk models) on a
 * real node. The seam exists so a node without a downloadable model can still be tested end to end with a
 * stand-in that plays the model's part, everything around it (AudioSocket, endpointing, recording,
 * transcript publishing) staying real.
 */
public interface RecognitionSource {

    /**
     * Streaming recognition of {@code language}, constrained to {@code phrases} when the list is not empty;
     * empty when this node cannot recognize the language.
     */
    Optional<? extends StreamingRecognition> open(String callId, String language, List<String> phrases,
                                                  TranscriptListener listener);

    /** Whether the language can be recognized, and if not why (for the "no transcript" note). */
    LanguageStatus status(String language);
}
