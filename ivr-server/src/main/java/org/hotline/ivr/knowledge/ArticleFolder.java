package org.hotline.ivr.knowledge;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the articles of a folder: every {@code *.md} directly in it except {@code README.md}, each a YAML front
 * matter between two {@code ---} lines and a Markdown body:
 * <pre>
 * ---
 * title: 北京供暖季起止时间
 * language: zh
 * category: heating            # optional, a code of categories.yaml
 * tags: [供暖, 暖气]             # optional
 * ---
 * 北京市法定供暖期为每年11月15日至次年3月15日 ...
 * </pre>
 * Every problem of every file is collected with its file and line, so one reading shows them all.
 */
public final class ArticleFolder {

    private static final Set<String> KEYS = Set.of("title", "language", "category", "tags");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,79}");
    private static final int MAX_TITLE = 200;
    private static final int MAX_BODY = 20_000;

    /** The articles read, and what was wrong (an article with a problem is not in {@code articles}). */
    public record Reading(List<Article> articles, List<KnowledgeProblem> problems) {
        public Reading {
            articles = List.copyOf(articles);
            problems = List.copyOf(problems);
        }
    }

    private final Path folder;
    private final Predicate<String> knownCategory;

    /** {@code knownCategory} says whether a front matter's {@code category} is a code of the taxonomy. */
    public ArticleFolder(Path folder, Predicate<String> knownCategory) {
        this.folder = folder;
        this.knownCategory = knownCategory;
    }

    public Path folder() {
        return folder;
    }

    public Reading read() {
        List<Article> articles = new ArrayList<>();
        List<KnowledgeProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add(new KnowledgeProblem(folder, 0, "no such folder"));
            return new Reading(articles, problems);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .filter(file -> !file.getFileName().toString().equals("README.md"))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(new KnowledgeProblem(folder, 0, "cannot list: " + e.getMessage()));
            return new Reading(articles, problems);
        }
        for (Path file : files) {
            int before = problems.size();
            Article article = read(file, problems);
            if (article != null && problems.size() == before) {
                articles.add(article);
            }
        }
        return new Reading(articles, problems);
    }

    private Article read(Path file, List<KnowledgeProblem> problems) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".md".length());
        if (!ID.matcher(id).matches()) {
            problems.add(new KnowledgeProblem(file, 0, "file name: lower-case letters, digits, '.' and '-' only"));
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            problems.add(new KnowledgeProblem(file, 0, "cannot read: " + e.getMessage()));
            return null;
        }
        if (!text.startsWith("---\n")) {
            problems.add(new KnowledgeProblem(file, 1, "must start with a '---' line and the front matter"));
            return null;
        }
        int end = text.indexOf("\n---\n", 3);
        if (end < 0) {
            problems.add(new KnowledgeProblem(file, 1, "front matter not closed by a '---' line"));
            return null;
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text.substring(4, end + 1)));
        } catch (YAMLException e) {
            int line = e instanceof MarkedYAMLException marked && marked.getProblemMark() != null
                    ? marked.getProblemMark().getLine() + 2 : 1;
            problems.add(new KnowledgeProblem(file, line, "front matter is not valid YAML: "
                    + (e instanceof MarkedYAMLException marked ? marked.getProblem() : e.getMessage())));
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new KnowledgeProblem(file, 2, "front matter must be key: value lines"));
            return null;
        }
        FrontMatter front = new FrontMatter(file, problems);
        for (NodeTuple tuple : mapping.getValue()) {
            front.take(tuple);
        }
        String title = front.required("title", MAX_TITLE);
        String language = front.required("language", 3);
        if (!language.isEmpty() && !LANGUAGE.matcher(language).matches()) {
            front.problem("language", "a language code such as zh or en");
        }
        String category = front.scalar("category");
        if (!category.isEmpty() && !knownCategory.test(category)) {
            front.problem("category", "no such category '" + category + "' in categories.yaml");
        }
        String body = text.substring(end + 5).strip();
        int bodyLine = (int) text.substring(0, end + 5).chars().filter(c -> c == '\n').count() + 1;
        if (body.isEmpty()) {
            problems.add(new KnowledgeProblem(file, bodyLine, "body: the article has no text"));
        } else if (body.length() > MAX_BODY) {
            problems.add(new KnowledgeProblem(file, bodyLine, "body: longer than " + MAX_BODY + " characters"));
        }
        return new Article(id, title, language, category, front.tags(), body);
    }

    /** The front matter's keys with their lines; every problem names the line of its key. */
    private static final class FrontMatter {
        private final Path file;
        private final List<KnowledgeProblem> problems;
        private final Map<String, NodeTuple> entries = new HashMap<>();

        FrontMatter(Path file, List<KnowledgeProblem> problems) {
            this.file = file;
            this.problems = problems;
        }

        void take(NodeTuple tuple) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "";
            if (!KEYS.contains(key)) {
                problems.add(new KnowledgeProblem(file, line(tuple.getKeyNode()), "unknown key '" + key
                        + "'; the keys are " + KEYS));
            } else if (entries.putIfAbsent(key, tuple) != null) {
                problems.add(new KnowledgeProblem(file, line(tuple.getKeyNode()), "duplicate key '" + key + "'"));
            }
        }

        String scalar(String key) {
            NodeTuple tuple = entries.get(key);
            if (tuple == null) {
                return "";
            }
            if (tuple.getValueNode() instanceof ScalarNode scalar) {
                return scalar.getValue().strip();
            }
            problem(key, "must be a single value");
            return "";
        }

        String required(String key, int max) {
            String value = scalar(key);
            if (value.isEmpty() && !entries.containsKey(key)) {
                problems.add(new KnowledgeProblem(file, 2, key + ": required"));
            } else if (value.isEmpty()) {
                problem(key, "must not be empty");
            } else if (value.length() > max) {
                problem(key, "longer than " + max + " characters");
            }
            return value;
        }

        List<String> tags() {
            NodeTuple tuple = entries.get("tags");
            if (tuple == null) {
                return List.of();
            }
            if (tuple.getValueNode() instanceof ScalarNode scalar) {
                return List.of(scalar.getValue().strip());
            }
            List<String> tags = new ArrayList<>();
            if (tuple.getValueNode() instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                        tags.add(scalar.getValue().strip());
                    } else {
                        problems.add(new KnowledgeProblem(file, line(item), "tags: each tag is a word or phrase"));
                    }
                }
            } else {
                problem("tags", "a list such as [供暖, 暖气]");
            }
            return tags;
        }

        void problem(String key, String message) {
            NodeTuple tuple = entries.get(key);
            int line = tuple == null ? 2 : line(tuple.getKeyNode());
            problems.add(new KnowledgeProblem(file, line, key + ": " + message));
        }

        private static int line(Node node) {
            return node.getStartMark() == null ? 2 : node.getStartMark().getLine() + 2;
        }
    }
}
