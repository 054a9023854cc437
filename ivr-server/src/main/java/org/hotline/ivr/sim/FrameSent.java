package org.hotline.ivr.sim;

/**
 * Told the moment the simulated caller writes each 20 ms audio frame of a call to the AudioSocket port (speech and
 * the line silence after it, counted from 0), so a load benchmark can time each frame to the server's processing.
 */
@FunctionalInterface
public interface FrameSent {

    FrameSent NONE = (callId, frame, nanoTime) -> { };

    /** {@code nanoTime} is {@link System#nanoTime()} just before the frame is written. */
    void sent(String callId, int frame, long nanoTime);
}
