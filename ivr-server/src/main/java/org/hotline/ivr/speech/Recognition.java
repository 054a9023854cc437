package org.hotline.ivr.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.Recognizer;

/**
 * One streaming recognition (one caller, one language). Frames are queued as they arrive and decoded
 * in order on the shared pool, never dropped; at most one pool thread works on it at a time. Partials
 * go to the listener when their text changes; {@link #finish()} forces the final result as soon as the
 * queued audio is decoded, without waiting for Vosk's own end-pointing.
 */
public final class Recognition implements StreamingRecognition {

    private static final Logger log = LoggerFactory.getLogger(Recognition.class);

    private record Chunk(short[] samples, long enqueuedNanos, boolean last) {
    }

    private final String callId;
    private final String language;
    private final Supplier<Recognizer> factory;
    private final TranscriptListener listener;
    private final Executor pool;
    private final SpeechMetrics metrics;
    private final ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final CompletableFuture<Transcript> result = new CompletableFuture<>();
    private final List<VoskResults.Segment> segments = new ArrayList<>();
    private Recognizer recognizer;
    private String lastPartial = "";
    private long finishNanos;

    Recognition(String callId, String language, Supplier<Recognizer> factory, TranscriptListener listener,
                Executor pool, SpeechMetrics metrics) {
        this.callId = callId;
        this.language = language;
        this.factory = factory;
        this.listener = listener;
        this.pool = pool;
        this.metrics = metrics;
        metrics.started();
    }

    /** Queues 16 kHz samples for decoding. */
    @Override
    public void accept(short[] samples) {
        if (finishing.get() || samples.length == 0) {
            return;
        }
        metrics.queued(samples.length);
        queue.add(new Chunk(samples, System.nanoTime(), false));
        schedule();
    }

    /** Decodes what is queued, then completes with the final transcript. Idempotent. */
    @Override
    public CompletionStage<Transcript> finish() {
        if (finishing.compareAndSet(false, true)) {
            finishNanos = System.nanoTime();
            queue.add(new Chunk(new short[0], finishNanos, true));
            schedule();
        }
        return result;
    }

    public String language() {
        return language;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Chunk chunk;
            while ((chunk = queue.poll()) != null) {
                decode(chunk);
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            scheduled.set(false);
            if (!queue.isEmpty() && !result.isDone()) {
                schedule();
            }
        }
    }

    private void decode(Chunk chunk) {
        if (result.isDone()) {
            metrics.decoded(chunk.samples().length, chunk.enqueuedNanos());
            return;
        }
        if (recognizer == null) {
            recognizer = factory.get();
        }
        if (chunk.last()) {
            complete();
            return;
        }
        boolean endpoint = recognizer.acceptWaveForm(chunk.samples(), chunk.samples().length);
        metrics.decoded(chunk.samples().length, chunk.enqueuedNanos());
        if (endpoint) {
            VoskResults.Segment segment = VoskResults.segment(recognizer.getResult());
            if (!segment.text().isEmpty()) {
                segments.add(segment);
            }
            lastPartial = "";
        } else {
            publishPartial(VoskResults.partial(recognizer.getPartialResult()));
        }
    }

    private void publishPartial(String partial) {
        if (partial.equals(lastPartial)) {
            return;
        }
        lastPartial = partial;
        String sofar = join(segments.stream().map(VoskResults.Segment::text).toList(), partial);
        listener.partial(new Transcript(callId, language, sofar, List.of(), false));
    }

    private void complete() {
        VoskResults.Segment tail = VoskResults.segment(recognizer.getFinalResult());
        if (!tail.text().isEmpty()) {
            segments.add(tail);
        }
        List<Word> words = new ArrayList<>();
        segments.forEach(s -> words.addAll(s.words()));
        Transcript transcript = new Transcript(callId, language,
                join(segments.stream().map(VoskResults.Segment::text).toList(), ""), words, true);
        close();
        metrics.finalReady(finishNanos);
        listener.complete(transcript);
        result.complete(transcript);
    }

    private void fail(Throwable e) {
        log.error("Recognition for call {} ({}) failed: {}", callId, language, e.toString());
        close();
        result.completeExceptionally(e);
    }

    private void close() {
        if (recognizer != null) {
            recognizer.close();
            recognizer = null;
        }
        metrics.ended();
        long left = queue.stream().mapToLong(c -> c.samples().length).sum();
        metrics.queued((int) -left);
        queue.clear();
    }

    private static String join(List<String> parts, String last) {
        List<String> all = new ArrayList<>(parts);
        if (!last.isEmpty()) {
            all.add(last);
        }
        return String.join(" ", all);
    }
}
