package org.hotline.ivr.speech;

import java.util.concurrent.CompletionStage;

/** One recognition in progress: audio in at {@link Recognizers#RATE} Hz, partials to its listener, one final. */
public interface StreamingRecognition {

    /** Queues 16 kHz samples; must not block the caller (an AudioSocket event loop). */
    void accept(short[] samples);

    /** Ends the audio and completes with the final transcript. Idempotent. */
    CompletionStage<Transcript> finish();
}
