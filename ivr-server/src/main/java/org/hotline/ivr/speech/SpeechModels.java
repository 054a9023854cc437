package org.hotline.ivr.speech;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hotline.ivr.ops.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.Model;

/**
 * The Vosk models on this node, one per language, each loaded once in the background and then shared
 * by every recognizer of that language. A language's model is {@code <dir>/<manifest name>} or
 * {@code <dir>/<language code>}; a language with neither has no speech, which is normal, not an error.
 */
public final class SpeechModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpeechModels.class);

    private final Path dir;
    private final Map<String, LanguageStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Model> models = new ConcurrentHashMap<>();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(new DefaultThreadFactory("vosk-model-loader", true));
    private final CompletableFuture<Void> allLoaded;

    private SpeechModels(Path dir, Map<String, Path> found, Map<String, String> absent) {
        this.dir = dir;
        absent.forEach((lang, why) -> statuses.put(lang, new LanguageStatus(lang, LanguageStatus.State.NO_MODEL, null, why)));
        List<CompletableFuture<Void>> loads = new ArrayList<>();
        found.forEach((lang, path) -> {
            statuses.put(lang, new LanguageStatus(lang, LanguageStatus.State.LOADING, path, ""));
            loads.add(CompletableFuture.runAsync(() -> load(lang, path), loader));
        });
        this.allLoaded = CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
                .whenComplete((done, error) -> log.info("Speech: {}", summary()));
    }

    /** Finds the models under {@code dir} and starts loading them; returns at once. */
    public static SpeechModels start(Path dir) {
        return start(dir, lang -> true);
    }

    /** The same for the languages {@code wanted} accepts only (a tool that needs one model). */
    public static SpeechModels start(Path dir, java.util.function.Predicate<String> wanted) {
        ModelManifest manifest = null;
        try {
            manifest = ModelManifest.locate(dir);
        } catch (IOException e) {
            log.warn("Speech models manifest unusable ({}); only folders named by language code are used", e.getMessage());
        }
        Map<String, Path> found = new TreeMap<>();
        Map<String, String> absent = new TreeMap<>();
        List<String> languages = manifest == null ? List.of() : manifest.languages();
        for (String lang : languages) {
            Optional<Path> path = candidate(dir, lang, manifest.entry(lang).orElseThrow().name());
            path.ifPresentOrElse(p -> found.put(lang, p), () -> absent.put(lang, "none in " + dir
                    + "; ./ivr models install " + lang));
        }
        byLanguageCode(dir).forEach(found::putIfAbsent);
        found.keySet().forEach(absent::remove);
        found.keySet().removeIf(wanted.negate());
        absent.keySet().removeIf(wanted.negate());
        return new SpeechModels(dir, found, absent);
    }

    private static Optional<Path> candidate(Path dir, String lang, String name) {
        for (Path path : List.of(dir.resolve(name), dir.resolve(lang))) {
            if (Files.isDirectory(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Hand-placed models in folders named by a two- or three-letter language code. */
    private static Map<String, Path> byLanguageCode(Path dir) {
        Map<String, Path> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (var entries = Files.list(dir)) {
            entries.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches("[a-z]{2,3}"))
                    .forEach(p -> found.put(p.getFileName().toString(), p));
        } catch (IOException e) {
            log.warn("Cannot list speech models in {}: {}", dir, e.getMessage());
        }
        return found;
    }

    private void load(String lang, Path path) {
        long start = System.nanoTime();
        log.info("Speech {}: loading Vosk model {}", lang, path);
        try {
            Model model = VoskNative.loadModel(path);
            models.put(lang, model);
            String took = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
            statuses.put(lang, new LanguageStatus(lang, LanguageStatus.State.READY, path, took));
            log.info("Speech {}: model ready in {}", lang, took);
        } catch (ModelInvalidException | RuntimeException e) {
            statuses.put(lang, new LanguageStatus(lang, LanguageStatus.State.FAILED, path, e.getMessage()));
            log.error("Speech {}: no recognition, model not loaded: {}", lang, e.getMessage());
        }
    }

    /** The shared model of {@code language} (e.g. {@code zh}, {@code zh-CN}) once it is loaded. */
    public Optional<Model> model(String language) {
        return Optional.ofNullable(models.get(baseLanguage(language)));
    }

    public LanguageStatus status(String language) {
        String lang = baseLanguage(language);
        return statuses.getOrDefault(lang, new LanguageStatus(lang, LanguageStatus.State.NO_MODEL, null,
                "not in the models manifest"));
    }

    public Map<String, LanguageStatus> statuses() {
        return new TreeMap<>(statuses);
    }

    /** Completes when every model found has loaded or failed. */
    public CompletableFuture<Void> loaded() {
        return allLoaded;
    }

    public Path directory() {
        return dir;
    }

    /** For {@code /healthz}: never required (no model is a supported state), detail per language. */
    public HealthCheck health() {
        return () -> {
            Map<String, String> detail = new LinkedHashMap<>();
            statuses().forEach((lang, status) -> detail.put(lang, status.describe()));
            return new HealthCheck.Status(true, false, detail);
        };
    }

    /** One line: which languages have speech. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        statuses().forEach((lang, status) -> parts.add(lang + " " + status.state().name().toLowerCase(Locale.ROOT)));
        return parts.isEmpty() ? "no languages configured" : String.join(", ", parts);
    }

    public static String baseLanguage(String language) {
        String lower = language == null ? "" : language.toLowerCase(Locale.ROOT);
        int cut = lower.indexOf('-') >= 0 ? lower.indexOf('-') : lower.indexOf('_');
        return cut > 0 ? lower.substring(0, cut) : lower;
    }

    @Override
    public void close() {
        loader.shutdownNow();
        models.values().forEach(Model::close);
        models.clear();
    }
}
