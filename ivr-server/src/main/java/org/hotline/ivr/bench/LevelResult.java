package org.hotline.ivr.bench;

/** One server at one concurrency level: throughput and latency in the measured window, memory, outcomes. */
public record LevelResult(String server, int calls, int commandsPerCall, WindowSummary latency,
                          MemorySample memory, CallOutcomes outcomes, Warmup warmup, String serverLog) {

    /** A run that broke off (the server died or stopped answering): no figures, and why. */
    static LevelResult brokeOff(ServerKind server, int calls, int commandsPerCall, String why) {
        return new LevelResult(server.label(), calls, commandsPerCall, new WindowSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                MemorySample.NONE, CallOutcomes.brokeOff(why), new Warmup(0, 0), "");
    }
}
