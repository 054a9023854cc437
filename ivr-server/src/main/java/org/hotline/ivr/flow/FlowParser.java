package org.hotline.ivr.flow;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads a flow file into its model, collecting every structural problem with its position (YAML syntax,
 * unknown keys, missing fields, bad values). Graph and prompt checks are {@link FlowValidator}'s.
 */
final class FlowParser {

    private static final Set<String> TOP = Set.of("flow", "description", "languages", "default-language", "timezone",
            "calendar", "queue-fallback", "on-error", "start", "nodes");

    private final NodeParser nodes = new NodeParser();

    /** The flow as far as it could be read; {@code problems} says what is wrong with it. */
    Flow parse(Path file, List<FlowProblem> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new FlowProblem(new SourcePos(file, 1, 1), "", "cannot read: " + e.getMessage()));
            return null;
        }
        Node root = compose(file, text, problems);
        if (root == null) {
            return null;
        }
        YamlSection top = YamlSection.of(root, file, problems, "");
        top.allowOnly(TOP, "a flow");
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = top.string("flow", stem);
        if (!name.equals(stem)) {
            top.problem(top.node("flow"), "flow '" + name + "' must be in a file named " + name + ".yaml"
                    + " (the AGI script name is the file name)");
        }
        List<String> languages = top.has("languages") ? top.strings("languages") : List.of("zh");
        String defaultLanguage = top.string("default-language", languages.isEmpty() ? "zh" : languages.get(0));
        if (!languages.contains(defaultLanguage)) {
            top.problem(top.has("default-language") ? top.node("default-language") : top.node("languages"),
                    "default language '" + defaultLanguage + "' is not among the flow's languages " + languages);
        }
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        Map<String, FlowNode> parsed = parseNodes(top, problems, labels);
        return new Flow(name, file, version(text), languages, defaultLanguage, zone(top), calendar(top, problems),
                top.string("queue-fallback", ""), top.ref("on-error"), top.requiredRef("start", "a flow"), parsed,
                new StepLabels(labels));
    }

    private Map<String, FlowNode> parseNodes(YamlSection top, List<FlowProblem> problems,
                                             Map<String, Map<String, String>> labels) {
        Map<String, FlowNode> parsed = new LinkedHashMap<>();
        if (!top.has("nodes")) {
            top.problem(top.pos(), "a flow needs 'nodes'");
        }
        for (NodeTuple tuple : top.section("nodes").tuples()) {
            String id = YamlSection.text(tuple.getKeyNode());
            YamlSection def = top.sectionOf(tuple.getValueNode()).forNode(id).anchoredAt(top.pos(tuple.getKeyNode()));
            FlowNode node = nodes.parse(def);
            if (node != null && !parsed.containsKey(id)) {
                parsed.put(id, node);
                StepLabels.read(def, node, labels);
            }
        }
        return parsed;
    }

    private static Node compose(Path file, String text, List<FlowProblem> problems) {
        try (Reader reader = new StringReader(text)) {
            Node root = new Yaml(new LoaderOptions()).compose(reader);
            if (root == null) {
                problems.add(new FlowProblem(new SourcePos(file, 1, 1), "", "the file is empty"));
            }
            return root;
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourcePos pos = mark == null ? new SourcePos(file, 1, 1)
                    : new SourcePos(file, mark.getLine() + 1, mark.getColumn() + 1);
            problems.add(new FlowProblem(pos, "", "YAML syntax: " + e.getProblem()));
            return null;
        } catch (IOException | RuntimeException e) {
            problems.add(new FlowProblem(new SourcePos(file, 1, 1), "", "not YAML: " + e.getMessage()));
            return null;
        }
    }

    private static ZoneId zone(YamlSection top) {
        String id = top.string("timezone", "Asia/Shanghai");
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            top.problem(top.node("timezone"), "unknown time zone '" + id + "' (e.g. Asia/Shanghai)");
            return ZoneId.of("Asia/Shanghai");
        }
    }

    private static HolidayCalendar calendar(YamlSection top, List<FlowProblem> problems) {
        Ref ref = top.ref("calendar");
        if (ref == null) {
            return HolidayCalendar.NONE;
        }
        Path file = top.file().toAbsolutePath().getParent().resolve(ref.name()).normalize();
        Path shown = top.file().getParent() == null ? Path.of(ref.name()) : top.file().getParent().resolve(ref.name());
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return HolidayCalendar.read(YamlSection.of(new Yaml(new LoaderOptions()).compose(reader), shown, problems, ""));
        } catch (IOException | RuntimeException e) {
            top.problem(ref.pos(), "cannot read holiday calendar " + shown + ": " + e.getMessage());
            return HolidayCalendar.NONE;
        }
    }

    private static String version(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
