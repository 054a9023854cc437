package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.hotline.ivr.ops.Durations;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.speech.DescribeOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one node: a mapping with exactly one type key ({@code menu: ...}) and, for most types, {@code next}. */
final class NodeParser {

    static final Set<String> TYPES = Set.of("play", "language", "menu", "collect", "describe", "condition", "set",
            "enqueue", "transfer", "goto", "subflow", "hangup", "return", "progress");
    static final String KEYS = "0123456789*#";
    /** Shortest interval between position announcements a hold block may ask for. */
    static final Duration MIN_ANNOUNCE_EVERY = Duration.ofSeconds(10);
    private static final Set<String> MAPPING_BODIES = Set.of("language", "menu", "collect", "describe", "set",
            "enqueue", "transfer");

    private final ConditionParser conditions = new ConditionParser();

    FlowNode parse(YamlSection def) {
        List<String> types = def.keys().stream().filter(TYPES::contains).toList();
        if (types.size() != 1) {
            def.problem(def.pos(), types.isEmpty()
                    ? "a node needs one type: " + String.join(", ", new java.util.TreeSet<>(TYPES))
                    : "a node has one type, not " + String.join(" and ", types));
            return null;
        }
        String type = types.get(0);
        boolean hasNext = Set.of("play", "language", "collect", "describe", "set", "subflow", "progress")
                .contains(type);
        def.allowOnly(hasNext ? Set.of(type, "next", "note", "label") : Set.of(type, "note", "label"), "a " + type + " node");
        YamlSection body = MAPPING_BODIES.contains(type) ? def.section(type) : null;
        String id = def.nodeId();
        return switch (type) {
            case "play" -> new FlowNode.Play(id, def.pos(), def.refs("play"), def.ref("next"));
            case "language" -> language(id, def, body);
            case "menu" -> menu(id, def, body);
            case "collect" -> collect(id, def, body);
            case "describe" -> describe(id, def, body);
            case "condition" -> conditions.parse(id, def);
            case "set" -> set(id, def, body);
            case "enqueue" -> enqueue(id, def, body);
            case "transfer" -> transfer(id, def, body);
            case "goto" -> new FlowNode.Goto(id, def.pos(), def.requiredRef("goto", "goto"));
            case "subflow" -> new FlowNode.Subflow(id, def.pos(), def.requiredRef("subflow", "subflow"),
                    def.ref("next"));
            case "hangup" -> new FlowNode.Hangup(id, def.pos(), hangupPrompt(def));
            case "progress" -> new FlowNode.Progress(id, def.pos(), def.string("progress", ""), def.ref("next"));
            default -> new FlowNode.Return(id, def.pos());
        };
    }

    private FlowNode language(String id, YamlSection def, YamlSection body) {
        body.allowOnly(Set.of("prompt", "keys", "say", "timeout", "retries", "default", "end-silence"), "a language node");
        YamlSection keys = body.section("keys");
        YamlSection say = body.section("say");
        List<FlowNode.LanguageChoice> choices = new ArrayList<>();
        for (NodeTuple tuple : keys.tuples()) {
            String key = key(body, tuple.getKeyNode());
            String lang = YamlSection.text(tuple.getValueNode());
            choices.add(new FlowNode.LanguageChoice(key, lang, phrases(say, lang), body.pos(tuple.getKeyNode())));
        }
        if (choices.isEmpty()) {
            body.problem(body.pos(), "a language node needs 'keys' (key: language)");
        }
        return new FlowNode.Language(id, def.pos(), body.requiredRef("prompt", "a language node"), choices,
                body.duration("timeout", Duration.ofSeconds(5)), body.integer("retries", 1, 0, 9),
                body.string("default", ""), def.ref("next"), endSilence(body));
    }

    private FlowNode menu(String id, YamlSection def, YamlSection body) {
        body.allowOnly(Set.of("prompt", "options", "timeout", "retries", "invalid", "default", "end-silence"),
                "a menu node");
        List<FlowNode.MenuOption> options = new ArrayList<>();
        for (NodeTuple tuple : body.section("options").tuples()) {
            String key = key(body, tuple.getKeyNode());
            Node value = tuple.getValueNode();
            if (value instanceof ScalarNode) {
                options.add(new FlowNode.MenuOption(key, body.pos(tuple.getKeyNode()),
                        new Ref(YamlSection.text(value), body.pos(value)), Map.of()));
                continue;
            }
            YamlSection option = body.sectionOf(value);
            option.allowOnly(Set.of("next", "say", "label"), "a menu option");
            YamlSection say = option.section("say");
            Map<String, List<FlowNode.Phrase>> phrases = new LinkedHashMap<>();
            say.keys().forEach(lang -> phrases.put(lang, phrases(say, lang)));
            options.add(new FlowNode.MenuOption(key, body.pos(tuple.getKeyNode()),
                    option.requiredRef("next", "menu option " + key), phrases));
        }
        if (options.isEmpty()) {
            body.problem(body.pos(), "a menu needs 'options' (key: next node)");
        }
        return new FlowNode.Menu(id, def.pos(), body.requiredRef("prompt", "a menu"), options,
                body.duration("timeout", Duration.ofSeconds(5)), body.integer("retries", 2, 0, 9),
                body.ref("invalid"), body.requiredRef("default", "a menu (where to go after the last retry)"),
                endSilence(body));
    }

    private FlowNode collect(String id, YamlSection def, YamlSection body) {
        body.allowOnly(Set.of("prompt", "min", "max", "terminator", "timeout", "retries", "invalid", "pattern",
                "into", "default"), "a collect node");
        int min = body.integer("min", 1, 1, 64);
        int max = body.integer("max", Math.max(min, 20), 1, 64);
        if (max < min) {
            body.problem(body.node("max"), "'max' (" + max + ") is less than 'min' (" + min + ")");
        }
        String terminator = body.string("terminator", "#");
        if (!terminator.equals("#")) {
            body.problem(body.node("terminator"), "terminator must be '#' (Asterisk's GET DATA ends input on #)");
        }
        Pattern pattern = null;
        String regex = body.string("pattern", null);
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                body.problem(body.node("pattern"), "'pattern' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return new FlowNode.Collect(id, def.pos(), body.requiredRef("prompt", "a collect node"), min, max,
                body.duration("timeout", Duration.ofSeconds(8)), body.integer("retries", 2, 0, 9),
                body.ref("invalid"), pattern, body.required("into", "a collect node"),
                body.requiredRef("default", "a collect node (where to go after the last retry)"), def.ref("next"));
    }

    private FlowNode describe(String id, YamlSection def, YamlSection body) {
        body.allowOnly(Set.of("prompt", "max", "into", "end-silence", "finish-prompt"), "a describe node");
        Duration max = body.duration("max", Duration.ofSeconds(60));
        Duration endSilence = endSilence(body);
        if (endSilence != null && endSilence.compareTo(max) >= 0) {
            body.problem(body.node("end-silence"), "'end-silence' must be shorter than 'max' (" + max.toSeconds() + "s)");
        }
        Ref finish = body.ref("finish-prompt");
        if (finish != null && max.compareTo(DescribeOptions.FINISH_LEAD.multipliedBy(2)) < 0) {
            body.problem(body.node("finish-prompt"), "'finish-prompt' is played 10s before 'max': 'max' must be at least 20s");
        }
        return new FlowNode.Describe(id, def.pos(), body.requiredRef("prompt", "a describe node"), max,
                body.string("into", "transcript"), def.ref("next"), endSilence, finish);
    }

    /** A node's own end of turn, within the limits the server's defaults have; null where it sets none. */
    private static Duration endSilence(YamlSection body) {
        if (!body.has("end-silence")) {
            return null;
        }
        Duration value = body.duration("end-silence", null);
        if (value != null && (value.compareTo(IvrConfig.Audio.MIN_END_SILENCE) < 0
                || value.compareTo(IvrConfig.Audio.MAX_END_SILENCE) > 0)) {
            body.problem(body.node("end-silence"), "'end-silence' must be between "
                    + IvrConfig.Audio.MIN_END_SILENCE.toMillis() + "ms and " + IvrConfig.Audio.MAX_END_SILENCE.toSeconds()
                    + "s, not " + Durations.format(value));
        }
        return value;
    }

    private FlowNode set(String id, YamlSection def, YamlSection body) {
        Map<String, String> values = new LinkedHashMap<>();
        body.tuples().forEach(t -> values.put(YamlSection.text(t.getKeyNode()), YamlSection.text(t.getValueNode())));
        if (values.isEmpty()) {
            def.problem(def.pos(), "a set node needs at least one 'name: value'");
        }
        return new FlowNode.SetVariables(id, def.pos(), values, def.ref("next"));
    }

    private FlowNode enqueue(String id, YamlSection def, YamlSection body) {
        body.allowOnly(Set.of("queue", "priority", "class", "skills", "announce", "hold"), "an enqueue node");
        HoldPlan hold = body.has("hold") ? hold(body.section("hold"), def.pos()) : HoldPlan.defaults(def.pos());
        return new FlowNode.Enqueue(id, def.pos(), body.required("queue", "an enqueue node"),
                body.integer("priority", 5, 0, 9), body.string("class", ""), body.strings("skills"), body.ref("announce"),
                hold);
    }

    /** An enqueue node's {@code hold:} block (see {@link HoldPlan}); what it leaves out keeps its default. */
    private static HoldPlan hold(YamlSection hold, SourcePos nodePos) {
        hold.allowOnly(Set.of("music", "announce-every", "position", "expected-wait", "offer-callback",
                "offer-callback-after", "prompts"), "an enqueue node's hold");
        Duration announceEvery = hold.duration("announce-every", null);
        if (announceEvery != null && announceEvery.compareTo(MIN_ANNOUNCE_EVERY) < 0) {
            hold.problem(hold.node("announce-every"), "'announce-every' must be at least "
                    + Durations.format(MIN_ANNOUNCE_EVERY) + ": a caller who hears the position all the time hears"
                    + " nothing else");
            announceEvery = null;
        }
        String music = hold.string("music", null);
        if (music != null && !music.matches("[A-Za-z0-9_-]+")) {
            hold.problem(hold.node("music"), "'music' is one music-on-hold class of musiconhold.conf (letters, digits, - and _)");
            music = null;
        }
        HoldPlan.Prompts defaults = HoldPlan.Prompts.defaults(nodePos);
        HoldPlan.Prompts prompts = defaults;
        if (hold.has("prompts")) {
            YamlSection section = hold.section("prompts");
            section.allowOnly(Set.copyOf(HoldPlan.Prompts.KEYS), "a hold's prompts");
            List<Ref> chosen = new ArrayList<>();
            List<Ref> fallback = defaults.inOrder();
            for (int i = 0; i < HoldPlan.Prompts.KEYS.size(); i++) {
                Ref ref = section.ref(HoldPlan.Prompts.KEYS.get(i));
                chosen.add(ref != null ? ref : fallback.get(i));
            }
            prompts = new HoldPlan.Prompts(chosen.get(0), chosen.get(1), chosen.get(2), chosen.get(3), chosen.get(4),
                    chosen.get(5), chosen.get(6), chosen.get(7));
        }
        return new HoldPlan(music, announceEvery, hold.bool("position", true), hold.bool("expected-wait", true),
                hold.bool("offer-callback", true), hold.duration("offer-callback-after", null), prompts);
    }

    private FlowNode transfer(String id, YamlSection def, YamlSection body) {
        body.allowOnly(Set.of("to", "timeout", "announce", "on-fail"), "a transfer node");
        String to = body.required("to", "a transfer node");
        if (to.contains(",") || to.contains("\"")) {
            body.problem(body.node("to"), "'to' is one Dial target such as PJSIP/1001 (no commas or quotes)");
        }
        return new FlowNode.Transfer(id, def.pos(), to, body.duration("timeout", Duration.ofSeconds(30)),
                body.ref("announce"), body.ref("on-fail"));
    }

    /** {@code hangup: goodbye}, {@code hangup: {prompt: goodbye}} or a bare {@code hangup:}. */
    private static Ref hangupPrompt(YamlSection def) {
        Node value = def.node("hangup");
        if (value == null || YamlSection.isNull(value)) {
            return null;
        }
        if (value instanceof ScalarNode) {
            return def.ref("hangup");
        }
        YamlSection body = def.section("hangup");
        body.allowOnly(Set.of("prompt"), "a hangup node");
        return body.ref("prompt");
    }

    private static String key(YamlSection body, Node keyNode) {
        String key = YamlSection.text(keyNode);
        if (key.length() != 1 || KEYS.indexOf(key.charAt(0)) < 0) {
            body.problem(keyNode, "'" + key + "' is not a phone key (one of 0-9, *, #)");
        }
        return key;
    }

    private static List<FlowNode.Phrase> phrases(YamlSection say, String lang) {
        Node value = say.node(lang);
        List<FlowNode.Phrase> phrases = new ArrayList<>();
        for (Ref ref : say.refsOf(value)) {
            phrases.add(new FlowNode.Phrase(ref.name(), ref.pos()));
        }
        return phrases;
    }
}
