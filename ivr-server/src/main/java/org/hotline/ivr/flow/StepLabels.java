package org.hotline.ivr.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What a seat reads for a step of the menu path: the optional {@code label:} of a node or of a menu option, one
 * text ({@code label: 反映问题}) or one per screen language ({@code label: {zh: 投诉, en: Complaint}}). Keyed
 * as the path is recorded: {@code node} or {@code node:key}.
 */
public record StepLabels(Map<String, Map<String, String>> byStep) {

    public static final StepLabels NONE = new StepLabels(Map.of());
    static final int MAX = 40;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public StepLabels {
        byStep = Map.copyOf(byStep);
    }

    /** The label of a recorded step ({@code main-menu:1}, {@code priority-mark}) in {@code language}, else any. */
    public Optional<String> of(String step, String language) {
        Map<String, String> texts = byStep.get(step);
        if (texts == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(texts.getOrDefault(language, texts.getOrDefault("", texts.get("zh"))))
                .or(() -> texts.values().stream().findFirst());
    }

    /** Reads the labels of one node definition (and of its menu options) into {@code into}. */
    static void read(YamlSection def, FlowNode node, Map<String, Map<String, String>> into) {
        if (def.has("label")) {
            texts(def, def.node("label")).ifPresent(texts -> into.put(node.id(), texts));
        }
        if (node instanceof FlowNode.Menu) {
            // Raw nodes, not sections: the menu's sections were read (and their problems reported) by NodeParser.
            Node options = child(child(def.node("menu"), "options"), null);
            if (options instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    Node label = child(tuple.getValueNode(), "label");
                    if (label != null) {
                        String key = YamlSection.text(tuple.getKeyNode());
                        texts(def, label).ifPresent(texts -> into.put(node.id() + ":" + key, texts));
                    }
                }
            }
        }
    }

    /** The value of {@code key} in a mapping node ({@code node} itself for a null key), else null. */
    private static Node child(Node node, String key) {
        if (key == null || node == null) {
            return node;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (key.equals(YamlSection.text(tuple.getKeyNode()))) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static Optional<Map<String, String>> texts(YamlSection at, Node value) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (value instanceof ScalarNode scalar) {
            texts.put("", scalar.getValue().strip());
        } else if (value instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String language = YamlSection.text(tuple.getKeyNode());
                if (!LANGUAGE.matcher(language).matches()) {
                    at.problem(tuple.getKeyNode(), "a label's key is a screen language such as zh or en");
                }
                texts.put(language, YamlSection.text(tuple.getValueNode()).strip());
            }
        }
        if (texts.isEmpty() || texts.values().stream().anyMatch(text -> text.isEmpty() || text.length() > MAX)) {
            at.problem(value, "a label is a short text (1.." + MAX + " characters), or one per language {zh: .., en: ..}");
            return Optional.empty();
        }
        return Optional.of(texts);
    }
}
