package org.hotline.ivr.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A server's memory while calls are in progress: heap in use after a full GC (what the calls hold),
 * the process's resident set now and at its peak (heap, thread stacks, direct buffers, code), threads.
 */
public record MemorySample(int callsInProgress, long heapUsedAfterGcBytes, long heapMaxBytes, long rssBytes,
                           long peakRssBytes, int threads) {

    static final MemorySample NONE = new MemorySample(0, 0, 0, 0, 0, 0);

    static MemorySample of(JsonNode memory, ProcessStatus process) {
        return new MemorySample(memory.path("inProgress").asInt(), memory.path("heapUsedAfterGcBytes").asLong(),
                memory.path("heapMaxBytes").asLong(), process.rssBytes(), process.peakRssBytes(),
                process.threads() > 0 ? process.threads() : memory.path("threads").asInt());
    }
}
