package org.hotline.ivr.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@code OUT/<lang>/<prompt>.wav} for every prompt of the catalog, in Asterisk's sounds layout: a
 * recorded file where one exists ({@code RECORDED/<lang>/<prompt>.wav}, it always wins), else speech from
 * espeak-ng when installed, else a beep. Reports what still lacks a human recording.
 */
public final class PromptAudioBuilder {

    /** What was written, per kind, and what lacks a recording ("lang/prompt"). */
    public record Report(int recorded, int synthesized, int beeps, List<String> lackingRecording, boolean espeak) {
    }

    /** espeak-ng voice per hotline language. */
    static final Map<String, String> VOICES = Map.of("zh", "cmn", "en", "en", "ja", "ja", "ko", "ko", "ru", "ru",
            "fr", "fr", "de", "de", "es", "es");

    private final PromptCatalog catalog;
    private final Path recorded;
    private final Optional<String> espeak;

    public PromptAudioBuilder(PromptCatalog catalog, Path recorded, Optional<String> espeak) {
        this.catalog = catalog;
        this.recorded = recorded;
        this.espeak = espeak;
    }

    /** espeak-ng on the PATH, if any. */
    public static Optional<String> findEspeak() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "espeak-ng");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    public Report build(Path out) throws IOException, InterruptedException {
        int fromRecording = 0;
        int synthesized = 0;
        int beeps = 0;
        List<String> lacking = new ArrayList<>();
        for (var language : catalog.all().entrySet()) {
            String lang = language.getKey();
            for (var prompt : language.getValue().entrySet()) {
                Path target = out.resolve(lang).resolve(prompt.getKey() + ".wav");
                Files.createDirectories(target.getParent());
                Path human = recorded.resolve(lang).resolve(prompt.getKey() + ".wav");
                if (Files.isRegularFile(human)) {
                    Files.copy(human, target, StandardCopyOption.REPLACE_EXISTING);
                    fromRecording++;
                    continue;
                }
                lacking.add(lang + "/" + prompt.getKey());
                if (espeak.isPresent() && speak(lang, prompt.getValue(), target)) {
                    synthesized++;
                } else {
                    PromptAudio.write(target, PromptAudio.beep());
                    beeps++;
                }
            }
        }
        return new Report(fromRecording, synthesized, beeps, lacking, espeak.isPresent());
    }

    private boolean speak(String lang, String text, Path target) throws IOException, InterruptedException {
        Path raw = Files.createTempFile("prompt", ".wav");
        try {
            Process process = new ProcessBuilder(espeak.get(), "-v", VOICES.getOrDefault(lang, lang), "-w",
                    raw.toString(), text).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || Files.size(raw) < 100) {
                process.destroy();
                return false;
            }
            PromptAudio.write(target, PromptAudio.read8k(raw));
            return true;
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}
