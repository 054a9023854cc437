package org.hotline.ivr.speech;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recognition figures for Prometheus: live recognizers, audio waiting to be decoded (the lag: frames
 * are queued, never dropped, so an overloaded node shows here first), and the time from our end of
 * speech to the final transcript.
 */
public final class SpeechMetrics {

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong queuedSamples = new AtomicLong();
    private final Timer decodeLag;
    private final Timer finalLatency;
    private final Counter recognitions;

    public SpeechMetrics(MeterRegistry registry) {
        registry.gauge("ivr_speech_recognizers_active", active);
        Gauge.builder("ivr_speech_queued_audio_seconds", queuedSamples, q -> q.get() / 16000.0)
                .description("audio received but not yet decoded, all streams").register(registry);
        this.decodeLag = Timer.builder("ivr_speech_decode_lag").description("from frame received to frame decoded")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.finalLatency = Timer.builder("ivr_speech_final_latency")
                .description("from end of speech to final transcript").publishPercentiles(0.5, 0.99).register(registry);
        this.recognitions = Counter.builder("ivr_speech_recognitions").register(registry);
    }

    void started() {
        active.incrementAndGet();
        recognitions.increment();
    }

    void ended() {
        active.decrementAndGet();
    }

    void queued(int samples) {
        queuedSamples.addAndGet(samples);
    }

    void decoded(int samples, long enqueuedNanos) {
        queuedSamples.addAndGet(-samples);
        decodeLag.record(System.nanoTime() - enqueuedNanos, TimeUnit.NANOSECONDS);
    }

    void finalReady(long finishNanos) {
        finalLatency.record(System.nanoTime() - finishNanos, TimeUnit.NANOSECONDS);
    }

    public double queuedAudioSeconds() {
        return queuedSamples.get() / 16000.0;
    }

    public int activeRecognizers() {
        return active.get();
    }
}
