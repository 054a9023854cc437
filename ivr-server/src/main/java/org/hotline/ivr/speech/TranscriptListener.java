package org.hotline.ivr.speech;

/** Receives a recognition's live partials and its final transcript, on a decoding thread: must not block. */
public interface TranscriptListener {

    TranscriptListener NONE = new TranscriptListener() {
        @Override
        public void partial(Transcript transcript) {
        }

        @Override
        public void complete(Transcript transcript) {
        }
    };

    void partial(Transcript transcript);

    void complete(Transcript transcript);
}
