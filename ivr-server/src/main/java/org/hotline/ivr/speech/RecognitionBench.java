package org.hotline.ivr.speech;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.Resampler;
import org.hotline.ivr.audio.WavAudio;

/** Recognition figures, measured only where a model is installed: RTF and last frame to final transcript. */
final class RecognitionBench {

    private RecognitionBench() {
    }

    static void report(PrintWriter out, Path modelsDir, List<WavAudio> samples) throws Exception {
        if (modelsDir == null) {
            out.println("recognition: not measured (no --models-dir; no model can be downloaded here)");
            return;
        }
        try (SpeechModels models = SpeechModels.start(modelsDir);
             Recognizers recognizers = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()))) {
            models.loaded().get(10, TimeUnit.MINUTES);
            for (String lang : List.of("zh", "en")) {
                if (!models.status(lang).ready()) {
                    out.println("recognition " + lang + ": not measured (" + models.status(lang).describe() + ")");
                    continue;
                }
                measure(out, recognizers, lang, samples);
            }
        }
    }

    private static void measure(PrintWriter out, Recognizers recognizers, String lang, List<WavAudio> samples) throws Exception {
        double audioSeconds = 0;
        long decodeNanos = 0;
        long finalNanos = 0;
        int count = 0;
        for (WavAudio sample : samples) {
            Recognition recognition = recognizers.open("bench", lang, TranscriptListener.NONE).orElseThrow();
            short[] wide = new Resampler(8000, Recognizers.RATE).process(sample.samples());
            long start = System.nanoTime();
            recognition.accept(java.util.Arrays.copyOf(wide, wide.length - 3200));
            long lastFrame = System.nanoTime();
            recognition.accept(java.util.Arrays.copyOfRange(wide, wide.length - 3200, wide.length));
            recognition.finish().toCompletableFuture().get(5, TimeUnit.MINUTES);
            long end = System.nanoTime();
            decodeNanos += end - start;
            finalNanos += end - lastFrame;
            audioSeconds += sample.seconds();
            count++;
        }
        out.printf(Locale.ROOT, "recognition %s: RTF %.3f on one thread over %.1f s of audio; last 200 ms to final transcript %.0f ms on average%n",
                lang, decodeNanos / 1e9 / audioSeconds, audioSeconds, finalNanos / 1e6 / count);
    }
}
