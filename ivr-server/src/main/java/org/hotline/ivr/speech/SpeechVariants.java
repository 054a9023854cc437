package org.hotline.ivr.speech;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;

/**
 * Harder speech made from clean utterances by running sox, the way callers really talk: pauses of
 * 0.5-1.2 s mid-utterance (put at the quietest point near where they are asked for, so they fall
 * between words), a slow speaker ({@code tempo 0.8}) and line noise. Each result knows where its
 * last word ends, measured on the audio before noise is added, so end-of-turn can be judged against
 * it. Used by the end-of-turn tests and {@code ./ivr bench endpoint}; nothing is kept on disk.
 */
public final class SpeechVariants {

    /** Telephone rate of the samples and of everything made here. */
    public static final int RATE = 8000;
    /** A 10 ms frame below this (before noise) is not part of a word. */
    private static final double WORD_DBFS = -45;

    /**
     * How to change an utterance: {@code clipSeconds} keeps only its start, cut at a quiet point near that time
     * (NaN for all of it: a short menu answer is made so); {@code pauses} (seconds of silence) go at the matching
     * {@code at} fractions of its length; {@code noiseDbfs} NaN for a clean line.
     */
    public record Variant(String name, double clipSeconds, double tempo, List<Double> pauses, List<Double> at,
                          double noiseDbfs) {
        public Variant {
            pauses = List.copyOf(pauses);
            at = List.copyOf(at);
            if (pauses.size() != at.size()) {
                throw new IllegalArgumentException("one position per pause");
            }
        }
    }

    /** The variants the tests and the benchmark use: every one has at least one pause of 0.5 s or more. */
    public static final List<Variant> STANDARD = List.of(
            new Variant("pause-1.2s-early", Double.NaN, 1.0, List.of(1.2), List.of(0.25), Double.NaN),
            new Variant("pauses-0.5s-0.9s", Double.NaN, 1.0, List.of(0.5, 0.9), List.of(0.35, 0.7), Double.NaN),
            new Variant("slow-pause-1.0s-noise-45dB", Double.NaN, 0.8, List.of(1.0), List.of(0.5), -45),
            new Variant("slow-pauses-0.7s-1.2s-noise-45dB", Double.NaN, 0.8, List.of(0.7, 1.2), List.of(0.3, 0.65), -45));

    /** Spoken menu answers: the first second or so of each sample (a word or two), slow, noisy, hesitating. */
    public static final List<Variant> MENU = List.of(
            new Variant("answer", 1.2, 1.0, List.of(), List.of(), Double.NaN),
            new Variant("slow-answer", 1.2, 0.8, List.of(), List.of(), Double.NaN),
            new Variant("answer-noise-45dB", 1.2, 1.0, List.of(), List.of(), -45),
            new Variant("slow-answer-hesitating-0.3s-noise-45dB", 1.5, 0.8, List.of(0.3), List.of(0.5), -45));

    /**
     * One generated utterance: {@code samples} at {@link #RATE}, with {@code lastWordMillis} the audio time the
     * last word ends (lead included) and {@code speechMillis} where the first word starts.
     */
    public record Utterance(String source, String language, Variant variant, short[] samples, long speechMillis,
                            long lastWordMillis) {
        public String name() {
            return source + "/" + variant.name();
        }

        public long lengthMillis() {
            return samples.length * 1000L / RATE;
        }
    }

    private final String sox;
    private final Path work;

    /** @param work an existing scratch directory (the caller deletes it) */
    public SpeechVariants(String sox, Path work) {
        this.sox = sox;
        this.work = work;
    }

    /** sox on the PATH, if any. */
    public static Optional<String> findSox() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "sox");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** {@code source} (an 8 kHz mono WAV) changed by {@code variant}, with {@code leadMs}/{@code trailMs} of line around it. */
    public Utterance make(Path source, String language, Variant variant, int leadMs, int trailMs)
            throws IOException, InterruptedException {
        String stem = source.getFileName().toString().replace(".wav", "") + "-" + variant.name();
        Path slowed = source;
        if (variant.tempo() != 1.0) {
            slowed = work.resolve(stem + "-tempo.wav");
            sox(List.of(source.toString(), "-b", "16", slowed.toString(), "tempo",
                    String.format(Locale.ROOT, "%.2f", variant.tempo())));
        }
        WavAudio speech = WavReader.read(slowed);
        if (!Double.isNaN(variant.clipSeconds()) && variant.clipSeconds() * RATE < speech.samples().length) {
            Path clipped = work.resolve(stem + "-clip.wav");
            double cut = quietestNear(speech.samples(), variant.clipSeconds() * RATE / speech.samples().length) / (double) RATE;
            sox(List.of(slowed.toString(), clipped.toString(), "trim", "0", String.format(Locale.ROOT, "%.3f", cut)));
            slowed = clipped;
            speech = WavReader.read(clipped);
        }
        Path framed = work.resolve(stem + ".wav");
        List<String> pad = new ArrayList<>(List.of(slowed.toString(), "-b", "16", framed.toString(), "pad"));
        for (int i = 0; i < variant.pauses().size(); i++) {
            double at = quietestNear(speech.samples(), variant.at().get(i)) / (double) RATE;
            pad.add(String.format(Locale.ROOT, "%.3f@%.3f", variant.pauses().get(i), at));
        }
        // A second pad effect frames the paused speech with line before and after it.
        pad.addAll(List.of("pad", seconds(leadMs), seconds(trailMs)));
        sox(pad);
        short[] samples = WavReader.read(framed).samples();
        long firstWord = edgeMillis(samples, true, WORD_DBFS);
        long lastWord = edgeMillis(samples, false, WORD_DBFS);
        if (!Double.isNaN(variant.noiseDbfs())) {
            addNoise(samples, variant.noiseDbfs(), work.resolve(stem + "-noise.wav"));
        }
        return new Utterance(source.getFileName().toString(), language, variant, samples, firstWord, lastWord);
    }

    /** Mixes sox's white noise into {@code samples}, scaled to exactly {@code dbfs} RMS. */
    private void addNoise(short[] samples, double dbfs, Path file) throws IOException, InterruptedException {
        sox(List.of("-n", "-r", String.valueOf(RATE), "-c", "1", "-b", "16", file.toString(), "synth",
                String.format(Locale.ROOT, "%.3f", (samples.length + RATE) / (double) RATE), "whitenoise"));
        short[] noise = WavReader.read(file).samples();
        double sum = 0;
        for (int i = 0; i < samples.length; i++) {
            sum += (double) noise[i] * noise[i];
        }
        double scale = 32768 * Math.pow(10, dbfs / 20) / Math.sqrt(sum / samples.length);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.max(-32768, Math.min(32767, Math.round(samples[i] + noise[i] * scale)));
        }
    }

    private static String seconds(int millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Every sample of {@code samples.tsv} in {@code folder} under every one of {@code variants}. */
    public List<Utterance> set(Path folder, List<Variant> variants, int leadMs, int trailMs)
            throws IOException, InterruptedException {
        List<Utterance> all = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("samples.tsv")).stream().skip(1).toList()) {
            String[] cells = line.split("\t");
            if (cells.length < 2) {
                continue;
            }
            for (Variant variant : variants) {
                all.add(make(folder.resolve(cells[0]), cells[1], variant, leadMs, trailMs));
            }
        }
        return all;
    }

    /** The sample index of the quietest 10 ms frame within 0.4 s of {@code fraction} of the audio. */
    static int quietestNear(short[] samples, double fraction) {
        int frame = RATE / 100;
        int centre = (int) (samples.length * fraction);
        int best = centre;
        double bestEnergy = Double.MAX_VALUE;
        for (int start = Math.max(0, centre - RATE * 2 / 5); start + frame <= Math.min(samples.length, centre + RATE * 2 / 5);
             start += frame / 2) {
            double energy = 0;
            for (int i = start; i < start + frame; i++) {
                energy += (double) samples[i] * samples[i];
            }
            if (energy < bestEnergy) {
                bestEnergy = energy;
                best = start + frame / 2;
            }
        }
        return best;
    }

    /** Audio time where the first 10 ms frame above {@code dbfs} starts ({@code first}) or the last one ends. */
    public static long edgeMillis(short[] samples, boolean first, double dbfs) {
        int frame = RATE / 100;
        int frames = samples.length / frame;
        for (int k = 0; k < frames; k++) {
            int f = first ? k : frames - 1 - k;
            double energy = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                energy += (double) samples[i] * samples[i];
            }
            double db = 10 * Math.log10(energy / frame / (32768.0 * 32768.0) + 1e-12);
            if (db > dbfs) {
                return (first ? f : f + 1) * 10L;
            }
        }
        return 0;
    }

    private void sox(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(sox);
        command.add("-q");
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("sox " + String.join(" ", args) + " failed: " + output.strip());
        }
    }
}
