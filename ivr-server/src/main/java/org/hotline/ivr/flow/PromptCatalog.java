package org.hotline.ivr.flow;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The text of every prompt per language, from {@code prompts/<lang>.yaml} beside the flows ({@code id: text}).
 * The text is what a recording should say and what placeholder audio is synthesized from.
 */
public final class PromptCatalog {

    /** The eight languages of the hotline, in the order menus offer them. */
    public static final List<String> LANGUAGES = List.of("zh", "en", "ja", "ko", "ru", "fr", "de", "es");

    private final Path directory;
    private final Map<String, Map<String, String>> byLanguage;

    private PromptCatalog(Path directory, Map<String, Map<String, String>> byLanguage) {
        this.directory = directory;
        this.byLanguage = byLanguage;
    }

    /** Reads every {@code *.yaml} in {@code directory}; problems in those files are added to {@code problems}. */
    public static PromptCatalog load(Path directory, List<FlowProblem> problems) {
        Map<String, Map<String, String>> byLanguage = new TreeMap<>();
        if (Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    String lang = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                    byLanguage.put(lang, read(file, problems));
                }
            } catch (IOException e) {
                problems.add(new FlowProblem(new SourcePos(directory, 1, 1), "", "cannot list prompts: " + e.getMessage()));
            }
        }
        return new PromptCatalog(directory, byLanguage);
    }

    private static Map<String, String> read(Path file, List<FlowProblem> problems) {
        Map<String, String> texts = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            YamlSection section = YamlSection.of(new Yaml(new LoaderOptions()).compose(reader), file, problems, "");
            for (NodeTuple tuple : section.tuples()) {
                if (tuple.getValueNode() instanceof ScalarNode text) {
                    texts.put(YamlSection.text(tuple.getKeyNode()), text.getValue());
                } else {
                    section.problem(tuple.getValueNode(), "a prompt's text is one string");
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new FlowProblem(new SourcePos(file, 1, 1), "", "cannot read prompts: " + e.getMessage()));
        }
        return texts;
    }

    public Path directory() {
        return directory;
    }

    public Optional<String> text(String language, String promptId) {
        return Optional.ofNullable(byLanguage.getOrDefault(language, Map.of()).get(promptId));
    }

    public boolean hasLanguage(String language) {
        return byLanguage.containsKey(language);
    }

    /** Language -> prompt id -> text, in a stable order. */
    public Map<String, Map<String, String>> all() {
        return byLanguage;
    }
}
