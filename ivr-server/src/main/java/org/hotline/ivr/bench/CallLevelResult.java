package org.hotline.ivr.bench;

/**
 * One level of {@code ./ivr bench calls}: latencies in microseconds over the measured window, the node's CPU (its
 * threads and its redis-server; not the simulated callers') per call-minute, heap per call in progress, and what
 * became of every call the level placed (warm-up, window and drain: none may be lost).
 *
 * @param inProgressMean  calls on the line, sampled every second of the window
 * @param describingMean  descriptions streaming at once (mean and peak over the window)
 * @param described       describing calls that completed; {@code drafts}: of those, with their draft order in Redis
 * @param stillInProgress calls that had not ended when the drain timed out (counted as failures)
 */
public record CallLevelResult(int calls, int describingSlots, int seats, double windowSeconds, double inProgressMean,
                              double describingMean, int describingPeak,
                              long commands, long commandP50Micros, long commandP99Micros, long commandMaxMicros,
                              long frames, long frameP50Micros, long frameP99Micros, long frameMaxMicros,
                              double nodeCpuSeconds, double redisCpuSeconds, double cpuSecondsPerCallMinute,
                              long idleHeapBytes, long heapBytes, long heapBytesPerCall,
                              long ended, long completed, long failed, long stillInProgress, long described, long drafts,
                              String firstFailure, String loadAverageStart, String loadAverageEnd) {

    /** The bar for one node: command p99 <= 50 ms, frame p99 <= 100 ms, every call completed with its draft. */
    public boolean withinBounds() {
        return failed == 0 && stillInProgress == 0 && drafts == described && commandP99Micros <= 50_000
                && (frames == 0 || frameP99Micros <= 100_000);
    }
}
