package org.hotline.ivr.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A STAND-IN FOR THE MISSING VOSK MODEL, for tests only. No model can be downloaded on the build machine, so
 * real recognition cannot run; this source plays the model's part for free-speech descriptions: it knows the
 * text of the shared speech sample the simulated caller will say ({@code samples.tsv} beside the WAVs), and as
 * that call's audio arrives over the real AudioSocket path it reveals the text as growing partials (one
 * character per {@value #SAMPLES_PER_CHARACTER} samples, about 60 ms of 16 kHz audio), then the whole text as
 * the final. Everything around it is the production path: endpointing, recording, {@link TranscriptPublisher},
 * Redis and the console's WebSocket. Spoken menu answers (phrase lists) are left to the node's real
 * recognizers, i.e. DTMF only without a model.
 */
public final class SampleTextRecognizer implements RecognitionSource {

    private static final int SAMPLES_PER_CHARACTER = 1_000;

    private final RecognitionSource real;
    private final Map<String, String> textByLanguage = new ConcurrentHashMap<>();

    public SampleTextRecognizer(RecognitionSource real) {
        this.real = real;
    }

    /** The text of {@code wav} as {@code samples.tsv} beside it gives it; the next description in its language "hears" it. */
    public SampleTextRecognizer expect(Path wav) {
        Path table = wav.resolveSibling("samples.tsv");
        String name = wav.getFileName().toString();
        try {
            for (String line : Files.readAllLines(table)) {
                String[] columns = line.split("\t", 3);
                if (columns.length == 3 && columns[0].equals(name)) {
                    return hear(columns[1], columns[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException(table + " has no line for " + name);
    }

    /** The next descriptions in {@code language} "hear" {@code text}, whatever the audio (e.g. hostile markup). */
    public SampleTextRecognizer hear(String language, String text) {
        textByLanguage.put(language, text);
        return this;
    }

    /** From now on {@code language} has no stand-in: descriptions go to the real recognizers (none: no model). */
    public SampleTextRecognizer forget(String language) {
        textByLanguage.remove(language);
        return this;
    }

    @Override
    public Optional<? extends StreamingRecognition> open(String callId, String language, List<String> phrases,
                                                         TranscriptListener listener) {
        String text = textByLanguage.get(SpeechModels.baseLanguage(language));
        if (!phrases.isEmpty() || text == null) {
            return real.open(callId, language, phrases, listener);
        }
        return Optional.of(new Hearing(callId, SpeechModels.baseLanguage(language), text, listener));
    }

    @Override
    public LanguageStatus status(String language) {
        return real.status(language);
    }

    /** One call's "recognition": the known text, revealed as the audio comes. */
    private static final class Hearing implements StreamingRecognition {
        private final String callId;
        private final String language;
        private final String text;
        private final TranscriptListener listener;
        private final CompletableFuture<Transcript> result = new CompletableFuture<>();
        private long samples;
        private int shown;

        Hearing(String callId, String language, String text, TranscriptListener listener) {
            this.callId = callId;
            this.language = language;
            this.text = text;
            this.listener = listener;
        }

        @Override
        public synchronized void accept(short[] audio) {
            if (result.isDone()) {
                return;
            }
            samples += audio.length;
            int reveal = (int) Math.min(text.length() - 1L, samples / SAMPLES_PER_CHARACTER);
            if (reveal > shown) {
                shown = reveal;
                listener.partial(new Transcript(callId, language, text.substring(0, shown), List.of(), false));
            }
        }

        @Override
        public synchronized CompletionStage<Transcript> finish() {
            if (!result.isDone()) {
                Transcript done = new Transcript(callId, language, text, List.of(), true);
                listener.complete(done);
                result.complete(done);
            }
            return result;
        }
    }
}
