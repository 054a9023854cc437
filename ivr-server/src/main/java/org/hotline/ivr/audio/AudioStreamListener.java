package org.hotline.ivr.audio;

/**
 * What one expected stream does with its frames. Called on the stream's event loop, in order, so it
 * must not block: hand slow work (recognition) to other threads. {@link #ended} is called exactly once
 * after {@link #opened}.
 */
public interface AudioStreamListener {

    void opened(AudioStreamControl control);

    /** Signed 16-bit little-endian mono samples at {@code sampleRate}; the array is the listener's. */
    void audio(int sampleRate, byte[] pcm);

    void dtmf(char digit);

    void ended(StreamEnd end);
}
