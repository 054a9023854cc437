package org.hotline.ivr.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** Commands completed in the measured window and their round-trip times as the server's script saw them. */
public record LatencySummary(long commands, double seconds, double commandsPerSecond, long p50Micros,
                             long p99Micros, long p999Micros, long maxMicros) {

    static LatencySummary of(JsonNode window) {
        long commands = window.path("commands").asLong();
        double seconds = window.path("seconds").asDouble();
        return new LatencySummary(commands, seconds, seconds > 0 ? commands / seconds : 0,
                window.path("p50Micros").asLong(), window.path("p99Micros").asLong(),
                window.path("p999Micros").asLong(), window.path("maxMicros").asLong());
    }
}
