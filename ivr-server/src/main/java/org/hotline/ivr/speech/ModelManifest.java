package org.hotline.ivr.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hotline.ivr.ops.ConfigProblem;
import org.hotline.ivr.ops.YamlNode;

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
            Path name = Path.of("built-in speech-models", FILE_NAME);
            List<ConfigProblem> problems = new ArrayList<>();
            YamlNode root = YamlNode.read(name.toString(), new InputStreamReader(in, StandardCharsets.UTF_8), problems);
            return read(name, root, problems);
        }
    }

    /**
     * Reads and checks the manifest; every problem is reported at once with its line, language and field
     * ({@code speech-models/models.yaml:14 models.zh.url = 'ftp://x': must be an http(s) URL}).
     */
    public static ModelManifest load(Path file) throws IOException {
        List<ConfigProblem> problems = new ArrayList<>();
        return read(file, YamlNode.read(file, problems), problems);
    }

    private static ModelManifest read(Path file, YamlNode root, List<ConfigProblem> problems) throws IOException {
        YamlNode models = root.get("models");
        if (problems.isEmpty() && !models.present()) {
            models.problem(null, "must have a 'models' mapping of language code to model");
        }
        Map<String, ModelEntry> entries = new LinkedHashMap<>();
        models.entries().forEach((language, node) -> {
            ModelEntry entry = entry(language, node, problems);
            if (entry != null) {
                entries.put(language, entry);
            }
        });
        if (!problems.isEmpty()) {
            throw new IOException(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        }
        return new ModelManifest(file, entries);
    }

    private static ModelEntry entry(String language, YamlNode node, List<ConfigProblem> problems) {
        int before = problems.size();
        String name = node.get("name").text("");
        String url = node.get("url").text("");
        String sha = node.get("sha256").text("").trim().toLowerCase(java.util.Locale.ROOT);
        int rate = node.get("sampleRate").integer(0, 0, Integer.MAX_VALUE);
        if (!NAME.matcher(name).matches()) {
            node.get("name").problem(name, "must be the model's folder name");
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            node.get("url").problem(url, "must be an http(s) URL");
        }
        if (!sha.isEmpty() && !SHA256.matcher(sha).matches()) {
            node.get("sha256").problem(sha, "must be 64 hex digits or empty");
        }
        if (rate != 8000 && rate != 16000) {
            node.get("sampleRate").problem(Integer.toString(rate), "must be 8000 or 16000");
        }
        if (problems.size() > before) {
            return null;
        }
        return new ModelEntry(language, name, URI.create(url), node.get("size").text(""), rate, sha);
    }
}
