package org.hotline.ivr.order;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline.ivr.ops.ConfigException;
import org.hotline.ivr.ops.ConfigProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One rule file read as YAML nodes that remember their line, so that every problem names the file,
 * the line and the key ({@code config/categories.yaml:42 categories.3.phrases.zh}). Problems are
 * collected, not thrown one by one: {@link #check()} reports them all at once.
 */
final class RuleFile {

    private final Path file;
    private final List<ConfigProblem> problems;
    private final Node root;

    private RuleFile(Path file, Node root, List<ConfigProblem> problems) {
        this.file = file;
        this.root = root;
        this.problems = problems;
    }

    static RuleFile read(Path file, List<ConfigProblem> problems) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new LoaderOptions()).compose(reader);
            if (root == null) {
                problems.add(new ConfigProblem(file + ":1", null, "file is empty"));
            }
            return new RuleFile(file, root, problems);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(new ConfigProblem(file + ":" + line, null, "not valid YAML: " + e.getProblem()));
        } catch (IOException e) {
            problems.add(new ConfigProblem(file.toString(), null, "cannot be read: " + e.getMessage()));
        }
        return new RuleFile(file, null, problems);
    }

    Path file() {
        return file;
    }

    /** Where this file's problems are collected (shared by the rule files read with it). */
    List<ConfigProblem> problems() {
        return problems;
    }

    /** The whole document; absent when the file could not be read (the problem is already noted). */
    Optional<Entry> root() {
        return root == null ? Optional.empty() : Optional.of(new Entry(root, ""));
    }

    /** Throws every problem noted so far, across all rule files sharing the list. */
    void check() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** One node with its dotted key. */
    final class Entry {
        private final Node node;
        private final String key;

        Entry(Node node, String key) {
            this.node = node;
            this.key = key;
        }

        String key() {
            return key;
        }

        int line() {
            return node.getStartMark().getLine() + 1;
        }

        boolean isMap() {
            return node instanceof MappingNode;
        }

        boolean isScalar() {
            return node instanceof ScalarNode;
        }

        Optional<Entry> get(String name) {
            if (!(node instanceof MappingNode map)) {
                return Optional.empty();
            }
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name)) {
                    return Optional.of(new Entry(tuple.getValueNode(), child(name)));
                }
            }
            return Optional.empty();
        }

        /** The keys of a map, in file order; a problem if this is not a map. */
        List<String> keys() {
            List<String> out = new ArrayList<>();
            if (!(node instanceof MappingNode map)) {
                problem("must be a section with keys");
                return out;
            }
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k) {
                    out.add(k.getValue());
                }
            }
            return out;
        }

        /** The items of a list; a problem (and no items) if this is not a list. */
        List<Entry> items() {
            List<Entry> out = new ArrayList<>();
            if (!(node instanceof SequenceNode list)) {
                problem("must be a list");
                return out;
            }
            for (int i = 0; i < list.getValue().size(); i++) {
                out.add(new Entry(list.getValue().get(i), child(String.valueOf(i))));
            }
            return out;
        }

        String text() {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue().trim();
            }
            problem("must be a single value");
            return "";
        }

        /** A required, non-blank value. */
        String required(String name) {
            Optional<Entry> value = get(name);
            if (value.isEmpty()) {
                problemAt(line(), child(name), null, "is missing");
                return "";
            }
            String text = value.get().text();
            if (text.isEmpty()) {
                value.get().problem("must not be empty");
            }
            return text;
        }

        String optional(String name, String otherwise) {
            return get(name).map(Entry::text).orElse(otherwise);
        }

        /** A list of non-blank strings; absent means empty. A single value is taken as a list of one. */
        List<String> strings(String name) {
            return get(name).map(Entry::asStrings).orElseGet(ArrayList::new);
        }

        /** This node as a list of non-blank strings (a single value is a list of one). */
        List<String> asStrings() {
            List<String> out = new ArrayList<>();
            for (Entry item : isScalar() ? List.of(this) : items()) {
                String text = item.text();
                if (text.isEmpty()) {
                    item.problem("must not be empty");
                } else {
                    out.add(text);
                }
            }
            return out;
        }

        void problem(String why) {
            problemAt(line(), key, node instanceof ScalarNode s ? s.getValue() : null, why);
        }

        private void problemAt(int line, String at, String value, String why) {
            problems.add(new ConfigProblem(file + ":" + line + " " + (at.isEmpty() ? "(top level)" : at), value, why));
        }

        private String child(String name) {
            return key.isEmpty() ? name : key + "." + name;
        }
    }
}
