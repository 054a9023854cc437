package org.hotline.ivr.audio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The shared synthetic utterances ({@code ../shared/speech-samples} beside the repository: 8 kHz
 * 16-bit mono WAVs with trailing silence trimmed) and variants of them made at test time.
 */
public final class SpeechSamples {

    private SpeechSamples() {
    }

    /** The samples folder; skips the calling test, with the reason, where it is absent. */
    public static Path folder() {
        Path cwd = Path.of("").toAbsolutePath();
        Path repositoryRoot = Files.exists(cwd.resolve("ivr-server")) ? cwd : cwd.getParent();
        Path folder = repositoryRoot.resolve("../shared/speech-samples").normalize();
        assumeTrue(Files.isDirectory(folder), "speech samples not present at " + folder
                + " (a clone outside the workspace): test skipped");
        return folder;
    }

    public static List<Path> all() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WavAudio load(String name) {
        return read(folder().resolve(name));
    }

    public static WavAudio read(Path file) {
        try {
            return WavReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code before} ms of silence, the samples, {@code after} ms of silence. */
    public static short[] padded(short[] speech, int rate, int beforeMs, int afterMs) {
        short[] out = new short[speech.length + (beforeMs + afterMs) * rate / 1000];
        System.arraycopy(speech, 0, out, beforeMs * rate / 1000, speech.length);
        return out;
    }

    /** Adds white noise of the given RMS level (dBFS), reproducibly. */
    public static short[] withNoise(short[] signal, double rmsDbfs, long seed) {
        Random random = new Random(seed);
        double sigma = 32768 * Math.pow(10, rmsDbfs / 20);
        short[] out = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            long value = Math.round(signal[i] + random.nextGaussian() * sigma);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
        }
        return out;
    }

    /** Splits samples into AudioSocket-sized frames (20 ms at {@code rate}). */
    public static List<short[]> frames(short[] samples, int rate) {
        int size = rate / 50;
        java.util.ArrayList<short[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i + size <= samples.length; i += size) {
            frames.add(java.util.Arrays.copyOfRange(samples, i, i + size));
        }
        return frames;
    }
}
