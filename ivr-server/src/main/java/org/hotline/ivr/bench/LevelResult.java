package org.hotline.ivr.bench;

/** One server at one concurrency level: throughput and latency in the measured window, memory, outcomes. */
public record LevelResult(String server, int calls, int commandsPerCall, WindowSummary latency,
                          MemorySample memory, CallOutcomes outcomes, String serverLog) {
}
