package org.hotline.ivr.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads typed values out of a merged tree, collecting every problem instead of stopping at the first. */
final class ConfigReader {


    private final JsonNode root;
    private final String prefix;
    private final Path home;
    private final List<ConfigProblem> problems;

    ConfigReader(JsonNode root, Path home, List<ConfigProblem> problems) {
        this(root, "", home, problems);
    }

    private ConfigReader(JsonNode root, String prefix, Path home, List<ConfigProblem> problems) {
        this.root = root;
        this.prefix = prefix;
        this.home = home;
        this.problems = problems;
    }

    /** A reader of one section, whose problems carry the section's full key. */
    ConfigReader at(String key) {
        return new ConfigReader(node(key), prefix + key + ".", home, problems);
    }

    String string(String key) {
        JsonNode node = node(key);
        return node == null || node.isNull() ? "" : node.asText();
    }

    boolean bool(String key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("yes")) {
            return true;
        }
        if (!value.equals("false") && !value.equals("no")) {
            problem(key, value, "must be true or false");
        }
        return false;
    }

    int port(String key) {
        return integer(key, 0, 65535);
    }

    int integer(String key, int min, int max) {
        String value = string(key);
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                problem(key, value, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            problem(key, value, "must be a whole number between " + min + " and " + max);
            return min;
        }
    }

    Duration duration(String key) {
        String value = string(key).trim();
        Optional<Duration> duration = Durations.parse(value);
        if (duration.isEmpty()) {
            problem(key, value, "must be a duration such as " + Durations.EXAMPLES);
        }
        return duration.orElse(Duration.ZERO);
    }

    Path path(String key) {
        String value = string(key);
        if (value.isBlank()) {
            problem(key, value, "must name a path");
        }
        return home.resolve(value);
    }

    List<String> list(String key) {
        JsonNode node = node(key);
        List<String> out = new ArrayList<>();
        if (node == null || !node.isArray()) {
            problem(key, node == null ? null : node.asText(), "must be a list");
            return out;
        }
        node.forEach(item -> out.add(item.asText()));
        return out;
    }

    int size(String key) {
        JsonNode node = node(key);
        return node != null && node.isArray() ? node.size() : 0;
    }

    void problem(String key, String value, String why) {
        problems.add(new ConfigProblem(prefix + key, value, why));
    }

    private JsonNode node(String key) {
        JsonNode node = root;
        for (String part : key.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.isArray() ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        return node;
    }
}
