package org.hotline.ivr.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * One node of a composed YAML document that remembers its file, line and key path, so every problem
 * can be reported as {@code config/seats.yaml:12 seats[0].device}. Problems are collected, not thrown: a reader
 * goes on and reports everything wrong with a file at once. The reader of the configuration files a person edits
 * (seats, queues, supervisors' accounts, API tokens, the speech model manifest); the flow language has its own
 * ({@code flow.YamlSection}: column and node id as well), the order rules theirs ({@code order.RuleFile}).
 */
public final class YamlNode {


    private final String file;
    private final String path;
    private final Node node;
    private final int line;
    private final List<ConfigProblem> problems;

    /**
     * The whole of {@code file}; its problems (unreadable, not YAML, empty) go to {@code problems} and an absent
     * node is returned, so a caller reads on and adds its own.
     */
    public static YamlNode read(Path file, List<ConfigProblem> problems) {
        String name = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(name, reader, problems);
        } catch (IOException e) {
            problems.add(new ConfigProblem(name, null, "unreadable: " + e.getMessage()));
            return new YamlNode(name, "", null, 1, problems);
        }
    }

    /** The document {@code reader} holds, named {@code name} in problems (a file, or a built-in resource). */
    public static YamlNode read(String name, Reader reader, List<ConfigProblem> problems) {
        Node node = null;
        try {
            node = new Yaml(new LoaderOptions()).compose(reader);
            if (node == null) {
                problems.add(new ConfigProblem(name, null, "is empty"));
            }
        } catch (MarkedYAMLException e) {
            problems.add(new ConfigProblem(name + ":" + (e.getProblemMark().getLine() + 1), null,
                    "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            problems.add(new ConfigProblem(name, null, "unreadable: " + e.getMessage()));
        }
        return new YamlNode(name, "", node, 1, problems);
    }

    YamlNode(String file, String path, Node node, int line, List<ConfigProblem> problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.line = node == null ? line : node.getStartMark().getLine() + 1;
        this.problems = problems;
    }

    public boolean present() {
        return node != null;
    }

    public String path() {
        return path;
    }

    /** The line this node starts on (its parent's when it is absent). */
    public int line() {
        return line;
    }

    /** Where this node is, for a problem a caller words itself: {@code config/seats.yaml:12 seats[0].device}. */
    public String where() {
        return file + ":" + line + " " + path;
    }

    /** {@code true} or {@code false}; {@code fallback} when absent. */
    public boolean bool(boolean fallback) {
        String value = text();
        if (value == null) {
            return fallback;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problem(value, "must be true or false");
        return fallback;
    }

    public void problem(String value, String why) {
        problems.add(new ConfigProblem(file + ":" + line + " " + path, value, why));
    }

    public YamlNode get(String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return new YamlNode(file, child(key), tuple.getValueNode(), line, problems);
                }
            }
        }
        return new YamlNode(file, child(key), null, line, problems);
    }

    /** Keys of a mapping in file order; a problem if this is not a mapping. */
    public Map<String, YamlNode> entries() {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                out.put(key, new YamlNode(file, child(key), tuple.getValueNode(), line, problems));
            }
        } else if (node != null) {
            problem(null, "must be a mapping");
        }
        return out;
    }

    /** Refuses keys not in {@code known}: a typo is the likeliest reason for one. */
    public void onlyKeys(String... known) {
        for (String key : entries().keySet()) {
            if (!List.of(known).contains(key)) {
                get(key).problem(key, "unknown key (expected one of " + String.join(", ", known) + ")");
            }
        }
    }

    public List<YamlNode> items() {
        List<YamlNode> out = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                out.add(new YamlNode(file, path + "[" + i + "]", sequence.getValue().get(i), line, problems));
            }
        } else if (node != null) {
            problem(null, "must be a list");
        }
        return out;
    }

    /** A list's items, or a single value as a list of one ({@code roles: admin} as {@code roles: [admin]}). */
    public List<YamlNode> itemsOrOne() {
        return node instanceof ScalarNode ? List.of(this) : items();
    }

    public List<String> strings() {
        return items().stream().map(YamlNode::required).toList();
    }

    /** The scalar text; a problem if missing or blank. */
    public String required() {
        String value = text();
        if (value == null || value.isBlank()) {
            problem(value, "is required");
            return "";
        }
        return value;
    }

    public String text(String fallback) {
        String value = text();
        return value == null ? fallback : value;
    }

    public int integer(int fallback, int min, int max) {
        String value = text();
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(value, "must be a whole number between " + min + " and " + max);
        return fallback;
    }

    public Duration duration(Duration fallback) {
        String value = text();
        if (value == null) {
            return fallback;
        }
        Optional<Duration> duration = Durations.parse(value);
        if (duration.isEmpty()) {
            problem(value, "must be a duration such as " + Durations.EXAMPLES);
        }
        return duration.orElse(fallback);
    }

    private String text() {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problem(null, "must be a single value");
        return null;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
