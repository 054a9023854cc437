package org.hotline.ivr.speech;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hotline.ivr.ops.VersionProvider;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ivr bench endpoint}: end of turn on paused, slow and noisy callers made from the samples with sox
 * ({@link SpeechVariants}): how many were cut off before their last word (the goal is none) and how long after
 * it the turn ended (median, p95, max), for descriptions and for spoken menu answers, at the server's settings
 * and, for descriptions, at other end-silences for comparison. Audio time, through the detector the server
 * runs with the settings it gives it, so the figures do not depend on the machine's load.
 */
@Command(name = "endpoint", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "End of turn on generated paused/slow/noisy utterances: callers cut off, delay after the last word.")
public final class EndpointBench implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--samples", defaultValue = "../shared/speech-samples", paramLabel = "DIR",
            description = "8 kHz WAV utterances with samples.tsv (default ${DEFAULT-VALUE})")
    Path samples;

    @Option(names = "--compare", split = ",", defaultValue = "250ms,1s,2s", paramLabel = "DURATIONS",
            converter = org.hotline.ivr.cli.DurationConverter.class,
            description = "description end-silences to compare (default ${DEFAULT-VALUE})")
    List<Duration> compare;

    /** What one set of utterances gave at one setting. */
    record Result(String what, Duration endSilence, int utterances, int cutOff, long median, long p95, long max) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String sox = SpeechVariants.findSox().orElseThrow(() ->
                new IllegalStateException("sox is not installed (apt-get install sox): it makes the test material"));
        IvrConfig.Audio audio = ConfigLoader.defaultsOnly().audio();
        out.printf(Locale.ROOT, "load average %.2f at start, %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        Path work = Files.createTempDirectory("bench-endpoint");
        try {
            SpeechVariants variants = new SpeechVariants(sox, work);
            List<SpeechVariants.Utterance> described = variants.set(samples, SpeechVariants.STANDARD, 800, 4000);
            List<SpeechVariants.Utterance> answers = variants.set(samples, SpeechVariants.MENU, 600, 3000);
            out.printf(Locale.ROOT, "material: %d descriptions, %d menu answers, %d languages (%s)%n", described.size(),
                    answers.size(), described.stream().map(SpeechVariants.Utterance::language).distinct().count(),
                    String.join(", ", SpeechVariants.STANDARD.stream().map(SpeechVariants.Variant::name).toList()));
            List<Result> results = new ArrayList<>();
            results.add(run("describe (server default)", described, EndpointSettings.description(audio.describeEndSilence(),
                    audio.noSpeechTimeout()), audio.describeEndSilence()));
            results.add(run("menu answer (server default)", answers, new EndpointSettings(audio.menuEndSilence(),
                    audio.noSpeechTimeout()), audio.menuEndSilence()));
            for (Duration endSilence : compare) {
                results.add(run("describe, for comparison", described,
                        EndpointSettings.description(endSilence, audio.noSpeechTimeout()), endSilence));
            }
            out.println("| utterances | end-silence | cut off | delay after last word: median | p95 | max |");
            out.println("|---|---|---|---|---|---|");
            for (Result r : results) {
                out.printf(Locale.ROOT, "| %s, %d | %d ms | %d | %s | %s | %s |%n", r.what(), r.utterances(),
                        r.endSilence().toMillis(), r.cutOff(), ms(r.median()), ms(r.p95()), ms(r.max()));
            }
            out.printf(Locale.ROOT, "load average %.2f at end%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            deleteTree(work);
        }
        out.flush();
        return 0;
    }

    /** Feeds each utterance in 20 ms frames; a turn that ends before the last word, or never, is a caller cut off. */
    static Result run(String what, List<SpeechVariants.Utterance> utterances, EndpointSettings settings, Duration shown) {
        List<Long> delays = new ArrayList<>();
        int cut = 0;
        for (SpeechVariants.Utterance utterance : utterances) {
            long endedAt = endOfTurn(utterance.samples(), settings);
            if (endedAt < utterance.lastWordMillis()) {
                cut++;
            } else {
                delays.add(endedAt - utterance.lastWordMillis());
            }
        }
        delays.sort(null);
        return new Result(what, shown, utterances.size(), cut, percentile(delays, 0.5), percentile(delays, 0.95),
                delays.isEmpty() ? -1 : delays.get(delays.size() - 1));
    }

    /** The audio time the turn ended, or -1 when it did not (no speech, or still open at the end). */
    static long endOfTurn(short[] samples, EndpointSettings settings) {
        EndpointDetector detector = new EndpointDetector(SpeechVariants.RATE, settings);
        int frame = SpeechVariants.RATE / 50;
        for (int i = 0; i + frame <= samples.length; i += frame) {
            EndpointDetector.Event event = detector.accept(java.util.Arrays.copyOfRange(samples, i, i + frame));
            if (event == EndpointDetector.Event.SPEECH_ENDED) {
                return detector.elapsedMillis();
            }
            if (event == EndpointDetector.Event.NO_SPEECH) {
                return -1;
            }
        }
        return -1;
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private static String ms(long value) {
        return value < 0 ? "-" : value + " ms";
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
