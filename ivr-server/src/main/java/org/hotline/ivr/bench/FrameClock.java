package org.hotline.ivr.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;
import org.hotline.ivr.sim.FrameSent;
import org.hotline.ivr.speech.LanguageStatus;
import org.hotline.ivr.speech.RecognitionSource;
import org.hotline.ivr.speech.StreamingRecognition;
import org.hotline.ivr.speech.Transcript;
import org.hotline.ivr.speech.TranscriptListener;

/**
 * Times each description's audio frames from the simulated caller writing them to the node having recorded,
 * endpointed and resampled them: the node hands every frame to its recognizer only after that work, so this source
 * wraps the node's recognizers and notes the moment each frame reaches {@link StreamingRecognition#accept}. Where
 * the node has a model the real recognition runs behind the clock; where it has none (this machine) the clock
 * stands in for one and hears nothing, so the node still resamples as a node with a model would and its drafts
 * carry no transcript, as without a model. Menu answers (phrase lists) go to the real recognizers untimed.
 * Both processes read the same {@link System#nanoTime()} (the load generator runs in the node's JVM).
 */
final class FrameClock implements RecognitionSource, FrameSent {

    private final RecognitionSource real;
    private final Recorder latency = new Recorder(3);
    private final Map<String, SentTimes> sent = new ConcurrentHashMap<>();
    private final AtomicInteger describing = new AtomicInteger();

    FrameClock(RecognitionSource real) {
        this.real = real;
    }

    /** Frame latencies in microseconds since the last call (the measured window's start, then its end). */
    Recorder latency() {
        return latency;
    }

    /** Descriptions whose recognition is open now. */
    int describing() {
        return describing.get();
    }

    @Override
    public void sent(String callId, int frame, long nanoTime) {
        sent.computeIfAbsent(callId, id -> new SentTimes()).put(frame, nanoTime);
    }

    @Override
    public Optional<? extends StreamingRecognition> open(String callId, String language, List<String> phrases,
                                                         TranscriptListener listener) {
        Optional<? extends StreamingRecognition> inner = real.open(callId, language, phrases, listener);
        if (!phrases.isEmpty()) {
            return inner;
        }
        describing.incrementAndGet();
        return Optional.of(new Timed(callId, inner.orElse(null)));
    }

    @Override
    public LanguageStatus status(String language) {
        return real.status(language);
    }

    /** When the simulated caller wrote each frame of one call, by frame number. */
    private static final class SentTimes {
        private long[] times = new long[512];
        private int count;

        synchronized void put(int frame, long nanoTime) {
            if (frame >= times.length) {
                times = Arrays.copyOf(times, Math.max(frame + 1, times.length * 2));
            }
            times[frame] = nanoTime;
            count = Math.max(count, frame + 1);
        }

        synchronized long at(int frame) {
            return frame < count ? times[frame] : 0;
        }
    }

    /** One description: the n-th frame accepted is the n-th the caller sent (one TCP stream, in order). */
    private final class Timed implements StreamingRecognition {
        private final String callId;
        private final StreamingRecognition inner;
        private int frames;
        private boolean finished;

        Timed(String callId, StreamingRecognition inner) {
            this.callId = callId;
            this.inner = inner;
        }

        @Override
        public void accept(short[] samples) {
            if (inner != null) {
                inner.accept(samples);
            }
            SentTimes times = sent.get(callId);
            long at = times == null ? 0 : times.at(frames);
            frames++;
            if (at != 0) {
                latency.recordValue(Math.max(0, System.nanoTime() - at) / 1000);
            }
        }

        @Override
        public synchronized CompletionStage<Transcript> finish() {
            if (!finished) {
                finished = true;
                describing.decrementAndGet();
                sent.remove(callId);
            }
            return inner == null ? CompletableFuture.completedFuture(null) : inner.finish();
        }
    }
}
