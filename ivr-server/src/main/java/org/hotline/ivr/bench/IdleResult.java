package org.hotline.ivr.bench;

/** One server holding {@code calls} idle calls (each waiting on a long command): memory, and whether all ended well. */
public record IdleResult(String server, int calls, long holdSeconds, double secondsToHoldAll, MemorySample memory,
                         CallOutcomes outcomes, String serverLog) {

    /** A run that broke off (the server died or stopped answering): no figures, and why. */
    static IdleResult brokeOff(ServerKind server, int calls, long holdSeconds, String why) {
        return new IdleResult(server.label(), calls, holdSeconds, 0, MemorySample.NONE, CallOutcomes.brokeOff(why), "");
    }
}
