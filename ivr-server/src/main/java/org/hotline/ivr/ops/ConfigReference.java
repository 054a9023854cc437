package org.hotline.ivr.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration reference for operators, made from {@code ivr-defaults.yaml} itself: each key, its
 * default, its environment variable and the comment written beside it. Generated rather than written by
 * hand so that docs/operations.md cannot drift from what the server accepts ({@code ./ivr config reference}
 * prints it; a test holds the guide to it).
 */
public final class ConfigReference {

    /** One row: {@code key} as dotted path ({@code ami.servers[].host} inside a list of objects). */
    public record Entry(String key, String defaultValue, String environment, String meaning) {
    }

    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)(- )?([A-Za-z][A-Za-z0-9]*):(.*)$");
    private static final Pattern COMMENT_LINE = Pattern.compile("^\\s*#\\s?(.*)$");

    private final List<Entry> entries;

    private ConfigReference(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The reference of the built-in defaults. */
    public static ConfigReference ofDefaults() {
        try (InputStream in = ConfigReference.class.getResourceAsStream("/ivr-defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("ivr-defaults.yaml missing from the class path");
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("built-in defaults unreadable", e);
        }
    }

    /** The reference of a defaults file's text: keys and values as YAML reads them, meanings from comments. */
    static ConfigReference of(String yamlText) {
        Map<String, String> meanings = comments(yamlText);
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(yamlText);
        } catch (IOException e) {
            throw new UncheckedIOException("defaults are not YAML", e);
        }
        List<Entry> rows = new ArrayList<>();
        walk(tree, "", "IVR", meanings, rows);
        return new ConfigReference(rows);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** A Markdown table, one row a key. */
    public String markdown() {
        StringBuilder out = new StringBuilder("| key | default | environment | meaning |\n|---|---|---|---|\n");
        for (Entry e : entries) {
            out.append("| `").append(e.key()).append("` | ")
                    .append(e.key().endsWith(".*") ? "" : e.defaultValue().isEmpty() ? "(empty)" : "`" + cell(e.defaultValue()) + "`")
                    .append(" | ").append(e.environment().isEmpty() ? "" : "`" + e.environment() + "`")
                    .append(" | ").append(cell(e.meaning())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static void walk(JsonNode node, String path, String env, Map<String, String> meanings, List<Entry> rows) {
        if (!path.isEmpty() && meanings.containsKey(path) && (node.isObject() || isObjectList(node))) {
            // A section's own comment (e.g. "http: # console, wallboard, ...") says what its keys are for.
            rows.add(new Entry(path + ".*", "", "", meanings.get(path)));
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String envName = env + "_" + ConfigTree.upperSnake(field.getKey());
                JsonNode child = field.getValue();
                if (isObjectList(child)) {
                    walk(child.get(0), key + "[]", envName + "_<n>", meanings, rows);
                } else if (child.isObject()) {
                    walk(child, key, envName, meanings, rows);
                } else {
                    rows.add(new Entry(key, value(child), envName, meanings.getOrDefault(key, "")));
                }
            }
        }
    }

    private static boolean isObjectList(JsonNode node) {
        return node.isArray() && !node.isEmpty() && node.get(0).isObject();
    }

    private static String value(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            return items.isEmpty() ? "[]" : String.join(", ", items);
        }
        return node.asText();
    }

    /**
     * Comments by dotted key: the text after {@code #} on a key's line, continued by comment-only lines
     * right below it. Keys inside a list item get {@code []} after the list's name.
     */
    static Map<String, String> comments(String yamlText) {
        Map<String, String> meanings = new LinkedHashMap<>();
        Deque<String[]> stack = new ArrayDeque<>(); // {indent, name}
        String last = null;
        for (String line : yamlText.split("\n", -1)) {
            Matcher key = KEY_LINE.matcher(line);
            Matcher comment = COMMENT_LINE.matcher(line);
            if (key.matches()) {
                int indent = key.group(1).length() + (key.group(2) == null ? 0 : 2);
                while (!stack.isEmpty() && Integer.parseInt(stack.peek()[0]) >= indent) {
                    stack.pop();
                }
                if (key.group(2) != null && !stack.isEmpty() && !stack.peek()[1].endsWith("[]")) {
                    stack.peek()[1] = stack.peek()[1] + "[]";
                }
                String dotted = dotted(stack, key.group(3));
                stack.push(new String[] {String.valueOf(indent), key.group(3)});
                String text = trailingComment(key.group(4));
                last = text == null ? null : dotted;
                if (text != null) {
                    meanings.put(dotted, text);
                }
            } else if (comment.matches() && last != null && !line.startsWith("#")) {
                meanings.merge(last, comment.group(1).trim(), (a, b) -> a + " " + b);
            } else {
                last = null;
            }
        }
        return meanings;
    }

    private static String dotted(Deque<String[]> stack, String name) {
        StringBuilder out = new StringBuilder();
        Iterator<String[]> outerFirst = stack.descendingIterator();
        while (outerFirst.hasNext()) {
            out.append(outerFirst.next()[1]).append('.');
        }
        return out.append(name).toString();
    }

    /** The comment after a value, ignoring a {@code #} inside quotes. */
    private static String trailingComment(String rest) {
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(rest.charAt(i - 1)))) {
                return rest.substring(i + 1).trim();
            }
        }
        return null;
    }
}
