package org.hotline.ivr.flow;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a condition: a list of {@code - if: {tests}} / {@code then: node} cases and a last {@code - else: node}.
 * Time windows, weekdays and patterns are checked here, each problem at the value that is wrong.
 */
final class ConditionParser {

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    FlowNode.Condition parse(String id, YamlSection def) {
        Node list = def.node("condition");
        List<FlowNode.ConditionCase> cases = new ArrayList<>();
        Ref otherwise = null;
        if (!(list instanceof SequenceNode sequence)) {
            def.problem(list, "a condition is a list of '- if: ... then: ...' cases ending with '- else: node'");
            return new FlowNode.Condition(id, def.pos(), cases, null);
        }
        for (Node item : sequence.getValue()) {
            YamlSection entry = def.sectionOf(item);
            if (otherwise != null) {
                entry.problem(item, "a case after 'else' can never be reached");
            }
            if (entry.has("else")) {
                entry.allowOnly(Set.of("else"), "the else case");
                otherwise = entry.requiredRef("else", "else");
                continue;
            }
            entry.allowOnly(Set.of("if", "then"), "a condition case");
            List<CallTest> tests = tests(entry.section("if"));
            cases.add(new FlowNode.ConditionCase(entry.pos(), tests, entry.requiredRef("then", "a condition case")));
        }
        return new FlowNode.Condition(id, def.pos(), cases, otherwise);
    }

    private List<CallTest> tests(YamlSection when) {
        when.allowOnly(Set.of("time", "weekdays", "holiday", "caller", "queue", "waiting-over", "wait-over",
                "variable", "equals", "language"), "'if'");
        List<CallTest> tests = new ArrayList<>();
        if (when.keys().isEmpty()) {
            when.problem(when.pos(), "'if' needs at least one test (time, weekdays, holiday, caller, queue, variable, language)");
        }
        if (when.has("time")) {
            tests.add(new CallTest.TimeOfDay(when.refs("time").stream().map(r -> window(when, r)).toList()));
        }
        if (when.has("weekdays")) {
            tests.add(new CallTest.Weekday(weekdays(when, when.refs("weekdays"))));
        }
        if (when.has("holiday")) {
            String value = when.string("holiday", "true");
            if (!value.equals("true") && !value.equals("false")) {
                when.problem(when.node("holiday"), "'holiday' is true or false");
            }
            tests.add(new CallTest.Holiday(!value.equals("false")));
        }
        if (when.has("caller")) {
            tests.add(new CallTest.CallerId(when.refs("caller").stream().map(r -> pattern(when, r)).toList()));
        }
        if (when.has("queue")) {
            tests.add(queueLoad(when));
        }
        if (when.has("variable")) {
            tests.add(new CallTest.Variable(when.required("variable", "a variable test"),
                    when.required("equals", "a variable test")));
        }
        if (when.has("language")) {
            tests.add(new CallTest.CallLanguage(Set.copyOf(when.strings("language"))));
        }
        return tests;
    }

    private CallTest queueLoad(YamlSection when) {
        Integer waiting = when.has("waiting-over") ? when.integer("waiting-over", 0, 0, 100_000) : null;
        java.time.Duration wait = when.duration("wait-over", null);
        if (waiting == null && wait == null) {
            when.problem(when.node("queue"), "a queue test needs 'waiting-over: N' or 'wait-over: duration'");
        }
        return new CallTest.QueueLoad(when.string("queue", ""), waiting, wait);
    }

    private static CallTest.TimeWindow window(YamlSection when, Ref ref) {
        var m = WINDOW.matcher(ref.name().trim());
        String why = "must look like 08:30-17:30 (24-hour, start-end)";
        if (m.matches()) {
            try {
                LocalTime from = LocalTime.parse(pad(m.group(1)));
                LocalTime to = LocalTime.parse(pad(m.group(2)));
                if (!from.equals(to)) {
                    return new CallTest.TimeWindow(from, to);
                }
                why = "is empty (start equals end)";
            } catch (DateTimeParseException e) {
                why = "is not a time of day (hours 00-23, minutes 00-59)";
            }
        }
        when.problem(ref.pos(), "bad time window '" + ref.name() + "': " + why);
        return new CallTest.TimeWindow(LocalTime.MIDNIGHT, LocalTime.NOON);
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    /** {@code mon-fri}, {@code [sat, sun]}, {@code mon,wed}. */
    private static Set<DayOfWeek> weekdays(YamlSection when, List<Ref> refs) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Ref ref : refs) {
            for (String part : ref.name().toLowerCase(Locale.ROOT).split(",")) {
                String[] range = part.trim().split("-");
                int from = DAYS.indexOf(range[0].trim());
                int to = range.length == 2 ? DAYS.indexOf(range[1].trim()) : from;
                if (from < 0 || to < 0 || range.length > 2) {
                    when.problem(ref.pos(), "bad weekday '" + part.trim() + "': use mon tue wed thu fri sat sun or a range like mon-fri");
                    continue;
                }
                for (int d = from; ; d = (d + 1) % 7) {
                    days.add(DayOfWeek.of(d + 1));
                    if (d == to) {
                        break;
                    }
                }
            }
        }
        return days;
    }

    private static Pattern pattern(YamlSection when, Ref ref) {
        try {
            return Pattern.compile(ref.name());
        } catch (PatternSyntaxException e) {
            when.problem(ref.pos(), "bad caller pattern '" + ref.name() + "': " + e.getDescription());
            return Pattern.compile("(?!)");
        }
    }
}
