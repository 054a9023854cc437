package org.hotline.ivr.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path: literal segments, {@code {name}} for one segment, and a last {@code {name...}} for the rest of
 * the path (zero or more segments), e.g. {@code /api/orders/{id}/submit} or {@code /console/{file...}}.
 */
record RoutePattern(String text, List<String> segments) {

    static RoutePattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + text);
        }
        List<String> segments = List.of(text.substring(1).split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isRest(segment) && i != segments.size() - 1) {
                throw new IllegalArgumentException("{name...} must be the last segment: " + text);
            }
            if (segment.contains("{") && !isParameter(segment)) {
                throw new IllegalArgumentException("a parameter is a whole segment, {name}: " + text);
            }
        }
        return new RoutePattern(text, segments);
    }

    /** The parameters of {@code path}, or empty when it does not match. */
    Optional<Map<String, String>> match(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        String[] given = path.substring(1).split("/", -1);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isRest(segment)) {
                params.put(name(segment), String.join("/", List.of(given).subList(Math.min(i, given.length), given.length)));
                return Optional.of(params);
            }
            if (i >= given.length) {
                return Optional.empty();
            }
            if (isParameter(segment)) {
                if (given[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(name(segment), given[i]);
            } else if (!segment.equals(given[i])) {
                return Optional.empty();
            }
        }
        return given.length == segments.size() ? Optional.of(params) : Optional.empty();
    }

    /** Orders patterns most specific first: at the first difference a literal beats a parameter beats the rest. */
    String specificity() {
        StringBuilder key = new StringBuilder();
        for (String segment : segments) {
            key.append(isRest(segment) ? 'c' : isParameter(segment) ? 'b' : 'a');
        }
        return key.toString();
    }

    /** The text before the first parameter: what the path surely starts with. */
    String literalPrefix() {
        int brace = text.indexOf('{');
        return brace < 0 ? text : text.substring(0, brace);
    }

    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        segments.stream().filter(RoutePattern::isParameter).forEach(segment -> names.add(name(segment)));
        return names;
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2;
    }

    private static boolean isRest(String segment) {
        return isParameter(segment) && segment.endsWith("...}");
    }

    private static String name(String segment) {
        String inner = segment.substring(1, segment.length() - 1);
        return inner.endsWith("...") ? inner.substring(0, inner.length() - 3) : inner;
    }
}
