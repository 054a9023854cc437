package org.hotline.ivr.bench;

/** One server holding {@code calls} idle calls (each waiting on a long command): memory, and whether all ended well. */
public record IdleResult(String server, int calls, long holdSeconds, double secondsToHoldAll, MemorySample memory,
                         CallOutcomes outcomes, String serverLog) {
}
