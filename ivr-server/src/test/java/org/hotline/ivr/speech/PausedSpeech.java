package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.audio.Pcm;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.audio.WavRecorder;

/**
 * Paused, slow and noisy callers made with sox at test time from {@code ../shared/speech-samples}
 * ({@link SpeechVariants}), written as WAVs a simulated or real caller can play, and the end-of-turn
 * verdict every such test asserts: not ended before the last word, ended soon enough after it.
 */
public final class PausedSpeech {

    /** The hotline's languages, in the order of the keys that pick them at the 12345 flow's language menu (1-8). */
    public static final List<String> LANGUAGES = List.of("zh", "en", "ja", "ko", "ru", "fr", "de", "es");

    private PausedSpeech() {
    }

    /**
     * {@code count} utterances, the samples taken in turn across the languages and each under the next standard
     * variant, so every variant and language appears; skips the test, saying why, without sox or the samples.
     */
    public static List<SpeechVariants.Utterance> make(Path dir, int count, int leadMs, int trailMs) {
        List<String> languages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            languages.add(LANGUAGES.get(i % LANGUAGES.size()));
        }
        return make(dir, languages, leadMs, trailMs);
    }

    /** One utterance per entry of {@code languages} (its next sample), each under the next standard variant. */
    public static List<SpeechVariants.Utterance> make(Path dir, List<String> languages, int leadMs, int trailMs) {
        Path folder = SpeechSamples.folder();
        assumeTrue(SpeechVariants.findSox().isPresent(), "sox is not installed (apt-get install sox): test skipped");
        try {
            Map<String, List<String>> samples = new HashMap<>();
            for (String line : Files.readAllLines(folder.resolve("samples.tsv")).stream().skip(1).toList()) {
                String[] cells = line.split("\t");
                samples.computeIfAbsent(cells[1], lang -> new ArrayList<>()).add(cells[0]);
            }
            SpeechVariants variants = new SpeechVariants(SpeechVariants.findSox().orElseThrow(), dir);
            Map<String, Integer> used = new HashMap<>();
            List<SpeechVariants.Utterance> made = new ArrayList<>();
            for (int i = 0; i < languages.size(); i++) {
                String lang = languages.get(i);
                List<String> files = samples.get(lang);
                int turn = used.merge(lang, 1, Integer::sum) - 1;
                String file = files.get(turn % files.size());
                SpeechVariants.Variant variant = SpeechVariants.STANDARD.get(i % SpeechVariants.STANDARD.size());
                made.add(variants.make(folder.resolve(file), lang, variant, leadMs, trailMs));
            }
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The utterance as an 8 kHz WAV in {@code dir}. */
    public static Path write(SpeechVariants.Utterance utterance, Path dir) {
        // Asterisk is given the name without ".wav": no other dot in it, so nothing reads as a format.
        Path file = dir.resolve(utterance.name().replace(".wav", "").replaceAll("[^A-Za-z0-9-]", "_") + ".wav");
        try (WavRecorder wav = WavRecorder.create(file, SpeechVariants.RATE)) {
            wav.write(Pcm.toBytes(utterance.samples()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The turn, as the server heard it from audio time {@code offsetMs} of the utterance on (where the recording
     * starts relative to the material), ended {@code heardMs} into the stream: never before the last word, and
     * within {@code endSilence} + 0.3 s after it (+ {@link EndpointSettings#OPENING_EXTRA} for a turn whose last
     * word comes within the opening seconds, as the detector asks then).
     */
    public static void assertEndOfTurn(SpeechVariants.Utterance utterance, long offsetMs, long heardMs,
                                       Duration endSilence) {
        long lastWord = utterance.lastWordMillis() - offsetMs;
        boolean opening = utterance.lastWordMillis() - utterance.speechMillis() < EndpointSettings.OPENING.toMillis();
        long allowed = endSilence.toMillis() + 300 + (opening ? EndpointSettings.OPENING_EXTRA.toMillis() : 0);
        assertThat(heardMs).as("%s: the turn ended at %d ms, its last word ends at %d ms", utterance.name(), heardMs,
                lastWord).isGreaterThanOrEqualTo(lastWord);
        assertThat(heardMs - lastWord).as("%s: end of turn after the last word (ms)", utterance.name())
                .isLessThanOrEqualTo(allowed);
    }
}
