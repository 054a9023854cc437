package org.hotline.ivr.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.ops.ConfigProblem;
import org.hotline.ivr.ops.Durations;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One node of a composed YAML document that remembers its file, line and key path, so every problem
 * can be reported as {@code config/seats.yaml:12 seats[0].device}. Problems are collected, not thrown.
 */
final class YamlNode {


    private final String file;
    private final String path;
    private final Node node;
    private final int line;
    private final List<ConfigProblem> problems;

    YamlNode(String file, String path, Node node, int line, List<ConfigProblem> problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.line = node == null ? line : node.getStartMark().getLine() + 1;
        this.problems = problems;
    }

    boolean present() {
        return node != null;
    }

    String path() {
        return path;
    }

    void problem(String value, String why) {
        problems.add(new ConfigProblem(file + ":" + line + " " + path, value, why));
    }

    YamlNode get(String key) {
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
    Map<String, YamlNode> entries() {
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
    void onlyKeys(String... known) {
        for (String key : entries().keySet()) {
            if (!List.of(known).contains(key)) {
                get(key).problem(key, "unknown key (expected one of " + String.join(", ", known) + ")");
            }
        }
    }

    List<YamlNode> items() {
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

    List<String> strings() {
        return items().stream().map(YamlNode::required).toList();
    }

    /** The scalar text; a problem if missing or blank. */
    String required() {
        String value = text();
        if (value == null || value.isBlank()) {
            problem(value, "is required");
            return "";
        }
        return value;
    }

    String text(String fallback) {
        String value = text();
        return value == null ? fallback : value;
    }

    int integer(int fallback, int min, int max) {
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

    Duration duration(Duration fallback) {
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
