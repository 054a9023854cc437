package org.hotline.ivr.speech;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The models manifest: which official Vosk model serves each language, where to get it, how to check it. */
public record ModelManifest(Path file, Map<String, ModelEntry> models) {

    public static final String FILE_NAME = "models.yaml";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ModelManifest {
        models = Map.copyOf(new LinkedHashMap<>(models));
    }

    public Optional<ModelEntry> entry(String language) {
        return Optional.ofNullable(models.get(language));
    }

    public List<String> languages() {
        return models.keySet().stream().sorted().toList();
    }

    /**
     * The manifest in {@code modelsDir}, else the repository's {@code speech-models/models.yaml}, else the
     * copy built into the server.
     */
    public static ModelManifest locate(Path modelsDir) throws IOException {
        Path inDir = modelsDir.resolve(FILE_NAME);
        Path inRepository = Path.of("speech-models", FILE_NAME);
        if (Files.isRegularFile(inDir)) {
            return load(inDir);
        }
        if (Files.isRegularFile(inRepository)) {
            return load(inRepository);
        }
        return builtIn();
    }

    /** The manifest the server was built with. */
    public static ModelManifest builtIn() throws IOException {
        try (InputStream in = ModelManifest.class.getResourceAsStream("/speech-models/" + FILE_NAME)) {
            if (in == null) {
                throw new IOException("no models manifest: not in the models directory, the working directory "
                        + "or the server's resources");
            }
            return read(Path.of("built-in speech-models", FILE_NAME), new ObjectMapper(new YAMLFactory()).readTree(in));
        }
    }

    /** Reads and checks the manifest; every problem is reported at once with its language and field. */
    public static ModelManifest load(Path file) throws IOException {
        try {
            return read(file, new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static ModelManifest read(Path file, JsonNode root) throws IOException {
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isObject()) {
            throw new IOException(file + ": must have a 'models' mapping of language code to model");
        }
        List<String> problems = new ArrayList<>();
        Map<String, ModelEntry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            ModelEntry entry = entry(field.getKey(), field.getValue(), problems);
            if (entry != null) {
                entries.put(field.getKey(), entry);
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(file + ": " + String.join("; ", problems));
        }
        return new ModelManifest(file, entries);
    }

    private static ModelEntry entry(String language, JsonNode node, List<String> problems) {
        String name = node.path("name").asText("");
        String url = node.path("url").asText("");
        String sha = node.path("sha256").asText("").trim().toLowerCase(java.util.Locale.ROOT);
        int rate = node.path("sampleRate").asInt(0);
        int before = problems.size();
        if (!NAME.matcher(name).matches()) {
            problems.add("models." + language + ".name: must be the model's folder name, got '" + name + "'");
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            problems.add("models." + language + ".url: must be an http(s) URL, got '" + url + "'");
        }
        if (!sha.isEmpty() && !SHA256.matcher(sha).matches()) {
            problems.add("models." + language + ".sha256: must be 64 hex digits or empty, got '" + sha + "'");
        }
        if (rate != 8000 && rate != 16000) {
            problems.add("models." + language + ".sampleRate: must be 8000 or 16000, got " + node.path("sampleRate"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new ModelEntry(language, name, URI.create(url), node.path("size").asText(""), rate, sha);
    }
}
