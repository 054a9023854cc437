package org.hotline.ivr.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Layers configuration trees: file values over the built-in defaults, then {@code IVR_*} environment
 * variables over both. Only keys the defaults know are accepted, so a typo is reported, not ignored.
 */
final class ConfigTree {

    static final String ENV_PREFIX = "IVR_";

    private ConfigTree() {
    }

    /** Merges {@code overlay} into {@code base}; keys unknown to {@code base} become problems. */
    static void merge(ObjectNode base, JsonNode overlay, String path, List<ConfigProblem> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode known = base.get(field.getKey());
            JsonNode value = field.getValue();
            if (known == null) {
                problems.add(new ConfigProblem(key, value.isValueNode() ? value.asText() : value.toString(), "unknown key"));
            } else if (known.isObject() && value.isObject()) {
                merge((ObjectNode) known, value, key, problems);
            } else if (known.isObject() && !value.isNull()) {
                problems.add(new ConfigProblem(key, value.toString(), "must be a section with keys"));
            } else if (known.isArray() && known.size() > 0 && known.get(0).isObject() && value.isArray()) {
                base.set(field.getKey(), mergeObjectList((ArrayNode) known, (ArrayNode) value, key, problems));
            } else if (!value.isNull()) {
                base.set(field.getKey(), value);
            }
        }
    }

    /** Lists of sections (e.g. AMI servers): each entry is checked against the first default entry. */
    private static ArrayNode mergeObjectList(ArrayNode defaults, ArrayNode values, String key,
                                             List<ConfigProblem> problems) {
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < values.size(); i++) {
            ObjectNode entry = defaults.get(0).deepCopy();
            if (values.get(i).isObject()) {
                merge(entry, values.get(i), key + "." + i, problems);
            } else {
                problems.add(new ConfigProblem(key + "." + i, values.get(i).toString(), "must be a section with keys"));
            }
            merged.add(entry);
        }
        return merged;
    }

    /**
     * Applies environment overrides: key {@code agi.allowedPeers} is {@code IVR_AGI_ALLOWED_PEERS}; list entries
     * by index ({@code IVR_AMI_SERVERS_0_HOST}); lists of plain values are comma-separated.
     */
    static void applyEnvironment(ObjectNode node, String envPath, Map<String, String> env) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String envName = envPath + "_" + upperSnake(name);
            JsonNode child = node.get(name);
            if (child.isObject()) {
                applyEnvironment((ObjectNode) child, envName, env);
            } else if (child.isArray() && child.size() > 0 && child.get(0).isObject()) {
                for (int i = 0; i < child.size(); i++) {
                    applyEnvironment((ObjectNode) child.get(i), envName + "_" + i, env);
                }
            } else if (env.containsKey(envName)) {
                String raw = env.get(envName);
                node.set(name, child.isArray() ? commaList(raw) : TextNode.valueOf(raw));
            }
        }
    }

    static String envName(String key) {
        StringBuilder out = new StringBuilder(ENV_PREFIX.substring(0, ENV_PREFIX.length() - 1));
        for (String part : key.split("\\.")) {
            out.append('_').append(upperSnake(part));
        }
        return out.toString();
    }

    private static ArrayNode commaList(String raw) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String item : raw.split(",")) {
            if (!item.isBlank()) {
                list.add(item.trim());
            }
        }
        return list;
    }

    static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
