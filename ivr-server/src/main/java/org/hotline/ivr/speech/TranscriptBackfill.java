package org.hotline.ivr.speech;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.LateTranscripts;

/**
 * {@code ./ivr transcribe --backfill}: the descriptions recorded in the last {@code since} whose orders have no
 * transcript (no model was installed then) are transcribed now, the transcript attached and drafts not yet
 * submitted classified again ({@link LateTranscripts}: never over a seat's edit). Idempotent: an order that has a
 * transcript is left alone, so a second run does nothing. A recording that cannot be done says why.
 */
final class TranscriptBackfill {

    /** {@code <call>-<stream uuid>.wav}, as {@link RecordingStore#newFile} names a description. */
    private static final Pattern DESCRIPTION = Pattern.compile("(.+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.wav");

    /** What a run did: counts, and per recording skipped why. */
    record Report(int found, int transcribed, int reclassified, int alreadyDone, Map<String, String> skipped) {
    }

    private final Path recordings;
    private final Function<String, Optional<DraftOrder>> orderOfCall;
    private final LateTranscripts late;
    private final RecognitionSource recognizers;
    private final Clock clock;

    TranscriptBackfill(Path recordings, Function<String, Optional<DraftOrder>> orderOfCall, LateTranscripts late,
                       RecognitionSource recognizers, Clock clock) {
        this.recordings = recordings;
        this.orderOfCall = orderOfCall;
        this.late = late;
        this.recognizers = recognizers;
        this.clock = clock;
    }

    Report run(Duration since, PrintWriter progress) throws IOException {
        List<Path> files = descriptions(clock.instant().minus(since));
        int transcribed = 0;
        int reclassified = 0;
        int done = 0;
        Map<String, String> skipped = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            bar(progress, i, files.size(), file);
            Matcher name = DESCRIPTION.matcher(file.getFileName().toString());
            Optional<DraftOrder> order = name.matches() ? orderOfCall.apply(name.group(1)) : Optional.empty();
            if (order.isEmpty() || !Path.of(order.get().recordingPath()).getFileName().equals(file.getFileName())) {
                skipped.put(file.toString(), "no order has this recording");
                continue;
            }
            if (!order.get().transcript().isBlank()) {
                done++;
                continue;
            }
            String lang = order.get().language();
            var recognition = recognizers.open("backfill-" + order.get().callId(), lang, List.of(), TranscriptListener.NONE);
            if (recognition.isEmpty()) {
                skipped.put(file.toString(), "no " + SpeechModels.baseLanguage(lang) + " model ("
                        + recognizers.status(lang).describe() + "): ./ivr models install " + SpeechModels.baseLanguage(lang));
                continue;
            }
            String text = transcribe(WavReader.read(file), recognition.get()).text();
            LateTranscripts.Outcome outcome = late.attach(order.get(), text);
            if (outcome.attached()) {
                transcribed++;
                reclassified += outcome.changed().size() > 1 ? 1 : 0;
            } else {
                skipped.put(file.toString(), outcome.skipped());
            }
        }
        bar(progress, files.size(), files.size(), null);
        return new Report(files.size(), transcribed, reclassified, done, skipped);
    }

    /** Whether {@code reason} (a skip) is a missing model. */
    static boolean noModel(String reason) {
        return reason.startsWith("no ") && reason.contains(" model (");
    }

    /** Descriptions last written since {@code cutoff}, oldest day first. */
    private List<Path> descriptions(Instant cutoff) throws IOException {
        if (!Files.isDirectory(recordings)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(recordings, 2)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                if (!Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    /** Feeds the recording at the recognizer's rate and waits for the final. */
    static Transcript transcribe(WavAudio audio, StreamingRecognition recognition) throws IOException {
        short[] samples = audio.samples();
        var resampler = audio.sampleRate() == Recognizers.RATE ? null
                : new org.hotline.ivr.audio.Resampler(audio.sampleRate(), Recognizers.RATE);
        int step = Math.max(1, audio.sampleRate() / 5);
        for (int i = 0; i < samples.length; i += step) {
            short[] part = java.util.Arrays.copyOfRange(samples, i, Math.min(samples.length, i + step));
            recognition.accept(resampler == null ? part : resampler.process(part));
        }
        try {
            return recognition.finish().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IOException("recognition failed: " + e.getMessage(), e);
        }
    }

    private static void bar(PrintWriter out, int done, int total, Path current) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        out.printf(Locale.ROOT, "\r[%s%s] %d/%d %-60s", "#".repeat(filled), ".".repeat(width - filled), done, total,
                current == null ? "" : current.getFileName());
        if (current == null) {
            out.println();
        }
        out.flush();
    }
}
