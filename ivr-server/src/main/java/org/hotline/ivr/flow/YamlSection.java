package org.hotline.ivr.flow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.ivr.ops.Durations;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read with positions: every getter that finds something wrong adds a problem naming the
 * file, line, column and node, and returns a harmless value so reading goes on and all problems are found.
 */
final class YamlSection {


    private final Path file;
    private final List<FlowProblem> problems;
    private final String nodeId;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private SourcePos anchor;

    private YamlSection(Path file, List<FlowProblem> problems, String nodeId, Node node) {
        this.file = file;
        this.problems = problems;
        this.nodeId = nodeId;
        this.node = node;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = text(tuple.getKeyNode());
                NodeTuple first = entries.putIfAbsent(key, tuple);
                if (first != null) {
                    problem(tuple.getKeyNode(), "duplicate key '" + key + "' (first at line "
                            + pos(first.getKeyNode()).line() + ")");
                }
            }
        } else if (node != null && !isNull(node)) {
            problem(node, "expected a mapping (key: value lines)");
        }
    }

    static YamlSection of(Node node, Path file, List<FlowProblem> problems, String nodeId) {
        return new YamlSection(file, problems, nodeId, node);
    }

    YamlSection section(String key) {
        return new YamlSection(file, problems, nodeId, node(key));
    }

    YamlSection sectionOf(Node child) {
        return new YamlSection(file, problems, nodeId, child);
    }

    YamlSection forNode(String otherNodeId) {
        return new YamlSection(file, problems, otherNodeId, node);
    }

    String nodeId() {
        return nodeId;
    }

    Path file() {
        return file;
    }

    /** Where this section is named: its key if anchored there, else where its value starts. */
    SourcePos pos() {
        if (anchor != null) {
            return anchor;
        }
        return node == null ? new SourcePos(file, 1, 1) : pos(node);
    }

    /** Positions of this section (a node) point at its key from now on, where engineers look for it. */
    YamlSection anchoredAt(SourcePos where) {
        this.anchor = where;
        return this;
    }

    SourcePos pos(Node at) {
        return new SourcePos(file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1);
    }

    SourcePos keyPos(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? pos() : pos(tuple.getKeyNode());
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** Key nodes and value nodes in file order. */
    List<NodeTuple> tuples() {
        return List.copyOf(entries.values());
    }

    Node node(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    void allowOnly(Set<String> allowed, String what) {
        for (NodeTuple tuple : entries.values()) {
            String key = text(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                problem(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + " (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    void problem(Node at, String message) {
        problems.add(new FlowProblem(at == null ? pos() : pos(at), nodeId, message));
    }

    void problem(SourcePos at, String message) {
        problems.add(new FlowProblem(at, nodeId, message));
    }

    String string(String key, String fallback) {
        Node value = node(key);
        if (value == null || isNull(value)) {
            return fallback;
        }
        if (!(value instanceof ScalarNode)) {
            problem(value, "'" + key + "' must be a single value");
            return fallback;
        }
        return text(value);
    }

    String required(String key, String what) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            problem(pos(), what + " needs '" + key + "'");
            return "";
        }
        return value;
    }

    Ref ref(String key) {
        Node value = node(key);
        if (value == null || isNull(value)) {
            return null;
        }
        if (!(value instanceof ScalarNode)) {
            problem(value, "'" + key + "' must name one node or prompt");
            return null;
        }
        return new Ref(text(value), pos(value));
    }

    Ref requiredRef(String key, String what) {
        Ref ref = ref(key);
        if (ref == null) {
            problem(pos(), what + " needs '" + key + "'");
        }
        return ref;
    }

    /** One name or a list of names. */
    List<Ref> refs(String key) {
        return refsOf(node(key));
    }

    List<Ref> refsOf(Node value) {
        List<Ref> refs = new ArrayList<>();
        if (value == null || isNull(value)) {
            return refs;
        }
        if (value instanceof ScalarNode) {
            refs.add(new Ref(text(value), pos(value)));
        } else if (value instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode) {
                    refs.add(new Ref(text(item), pos(item)));
                } else {
                    problem(item, "expected a name");
                }
            }
        } else {
            problem(value, "expected a name or a list of names");
        }
        return refs;
    }

    List<String> strings(String key) {
        return refs(key).stream().map(Ref::name).toList();
    }

    int integer(String key, int fallback, int min, int max) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                problem(node(key), "'" + key + "' must be between " + min + " and " + max + ", not " + parsed);
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problem(node(key), "'" + key + "' must be a whole number, not '" + value + "'");
            return fallback;
        }
    }

    /** {@code true} or {@code false} (YAML's yes/no/on/off are refused: they read as words in other languages). */
    boolean bool(String key, boolean fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(node(key), "'" + key + "' must be true or false, not '" + value + "'");
                yield fallback;
            }
        };
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    Duration duration(String key, Duration fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        Duration parsed = parseDuration(value.trim());
        if (parsed == null) {
            problem(node(key), "'" + key + "' must be a duration such as " + Durations.EXAMPLES + ", not '" + value + "'");
            return fallback;
        }
        return parsed;
    }

    static Duration parseDuration(String text) {
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        return Durations.parse(text).orElse(null);
    }

    static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : node.toString();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
    }
}
