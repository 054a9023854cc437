package org.hotline.ivr.audio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** AudioSocket figures for Prometheus: streams in progress, streams served, refusals by reason, frames. */
public final class AudioMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final Counter streams;
    private final Counter frames;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    public AudioMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("ivr_audio_streams_active", active);
        this.streams = Counter.builder("ivr_audio_streams").description("AudioSocket streams matched to a call")
                .register(registry);
        this.frames = Counter.builder("ivr_audio_frames").description("AudioSocket audio frames received")
                .register(registry);
    }

    void streamStarted() {
        active.incrementAndGet();
        streams.increment();
    }

    void streamEnded() {
        active.decrementAndGet();
    }

    void frame() {
        frames.increment();
    }

    /** A connection closed for breaking the rules: peer not allowed, protocol error, unknown uuid. */
    void refused(String reason) {
        refusals.computeIfAbsent(reason, r -> Counter.builder("ivr_audio_streams_refused")
                .tag("reason", r).register(registry)).increment();
    }

    public int activeStreams() {
        return active.get();
    }
}
