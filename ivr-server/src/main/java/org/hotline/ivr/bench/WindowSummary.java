package org.hotline.ivr.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The measured window: commands completed, their round-trip times as the server's script saw them, and
 * the CPU time the server process used, which unlike throughput does not depend on how much CPU other
 * processes on the machine leave it.
 */
public record WindowSummary(long commands, double seconds, double commandsPerSecond, long p50Micros,
                            long p99Micros, long p999Micros, long maxMicros, double serverCpuSeconds,
                            double serverKernelSeconds, double serverJitSeconds) {

    /** Server CPU time per command, in microseconds. */
    public double serverCpuMicrosPerCommand() {
        return commands == 0 ? 0 : serverCpuSeconds * 1e6 / commands;
    }

    /** The part of it spent in the kernel, in microseconds. */
    public double serverKernelMicrosPerCommand() {
        return commands == 0 ? 0 : serverKernelSeconds * 1e6 / commands;
    }

    /** The part of it the JIT compiler threads used, in microseconds: what a warmed-up server no longer spends. */
    public double serverJitMicrosPerCommand() {
        return commands == 0 ? 0 : serverJitSeconds * 1e6 / commands;
    }

    static WindowSummary of(JsonNode window) {
        long commands = window.path("commands").asLong();
        double seconds = window.path("seconds").asDouble();
        return new WindowSummary(commands, seconds, seconds > 0 ? commands / seconds : 0,
                window.path("p50Micros").asLong(), window.path("p99Micros").asLong(),
                window.path("p999Micros").asLong(), window.path("maxMicros").asLong(),
                window.path("cpuSeconds").asDouble(), window.path("kernelSeconds").asDouble(),
                window.path("jitSeconds").asDouble());
    }
}
