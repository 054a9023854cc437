package org.hotline.ivr.bench;

/**
 * How a run warmed up: seconds from the first call to the measured window (the warm-up time, longer if the
 * server's JIT was still compiling), and the JIT compile time that still fell inside the window.
 */
public record Warmup(double seconds, long jitMillisInWindow) {
}
