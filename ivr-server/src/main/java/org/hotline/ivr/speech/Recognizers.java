package org.hotline.ivr.speech;

import org.hotline.ivr.ops.Json;
import io.netty.util.concurrent.DefaultThreadFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Opens streaming recognitions on the shared models, decoded on one bounded pool sized to the machine.
 * Recognizers run at {@value #RATE} Hz: callers' 8 kHz audio is converted before it gets here.
 */
public final class Recognizers implements RecognitionSource, AutoCloseable {

    public static final int RATE = 16_000;
    private static final ObjectMapper JSON = Json.mapper();

    private final SpeechModels models;
    private final SpeechMetrics metrics;
    private final ExecutorService pool;

    /** {@code threads} 0 means one per core. */
    public Recognizers(SpeechModels models, int threads, SpeechMetrics metrics) {
        this.models = models;
        this.metrics = metrics;
        int size = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new DefaultThreadFactory("speech-decode", true));
    }

    public SpeechModels models() {
        return models;
    }

    /** Free speech in {@code language}; empty when this node has no model for it. */
    public Optional<Recognition> open(String callId, String language, TranscriptListener listener) {
        return open(callId, language, List.of(), listener);
    }

    /**
     * Recognition constrained to {@code phrases} (a spoken menu answer) when the list is not empty;
     * anything else is heard as {@code [unk]}. Empty when this node has no model for the language.
     */
    @Override
    public Optional<Recognition> open(String callId, String language, List<String> phrases, TranscriptListener listener) {
        Optional<Model> model = models.model(language);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        String grammar = phrases.isEmpty() ? null : grammarJson(phrases);
        return Optional.of(new Recognition(callId, SpeechModels.baseLanguage(language),
                () -> newRecognizer(model.get(), grammar), listener, pool, metrics));
    }

    private static Recognizer newRecognizer(Model model, String grammar) {
        try {
            Recognizer recognizer = grammar == null ? new Recognizer(model, RATE) : new Recognizer(model, RATE, grammar);
            recognizer.setWords(true);
            return recognizer;
        } catch (IOException e) {
            throw new UncheckedIOException("Vosk refused to create a recognizer", e);
        }
    }

    /** Vosk's phrase list: the answers in lower case, plus {@code [unk]} for anything else. */
    static String grammarJson(List<String> phrases) {
        List<String> list = new ArrayList<>();
        phrases.forEach(p -> list.add(p.toLowerCase(Locale.ROOT).trim()));
        list.add("[unk]");
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public LanguageStatus status(String language) {
        return models.status(language);
    }

    public SpeechMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
