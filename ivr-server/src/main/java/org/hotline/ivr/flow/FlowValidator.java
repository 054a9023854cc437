package org.hotline.ivr.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks that need the whole flow: every reference resolves, every node is reachable, every path ends
 * in hangup, enqueue or transfer, no loop traps a caller, menus do not collide, and every prompt has text in
 * every language the flow offers.
 */
final class FlowValidator {

    private final PromptCatalog prompts;
    private final Predicate<String> flowExists;

    FlowValidator(PromptCatalog prompts, Predicate<String> flowExists) {
        this.prompts = prompts;
        this.flowExists = flowExists;
    }

    void validate(Flow flow, List<FlowProblem> problems) {
        Map<String, FlowNode> nodes = flow.nodes();
        if (flow.start() != null && !nodes.containsKey(flow.start().name())) {
            problems.add(new FlowProblem(flow.start().pos(), "", "start node '" + flow.start().name() + "' does not exist"));
        }
        for (FlowNode node : nodes.values()) {
            for (Ref next : node.successors()) {
                if (!nodes.containsKey(next.name())) {
                    problems.add(new FlowProblem(next.pos(), node.id(), "unknown node '" + next.name() + "'"));
                }
            }
            deadEnd(node, problems);
            nodeSpecific(flow, node, problems);
            missingPrompts(flow, node, problems);
        }
        fallback(flow, problems);
        if (flow.start() != null && nodes.containsKey(flow.start().name())) {
            Set<String> reachable = reachable(flow);
            nodes.values().stream().filter(n -> !reachable.contains(n.id())).forEach(n -> problems.add(new FlowProblem(
                    n.pos(), n.id(), "unreachable: no path from start '" + flow.start().name() + "' leads here")));
            trappingLoops(flow, reachable, problems);
        }
    }

    /** Where a caller goes when Redis cannot be reached: no flow may leave them to a silent hang-up. */
    private void fallback(Flow flow, List<FlowProblem> problems) {
        SourcePos top = new SourcePos(flow.file(), 1, 1);
        if (flow.onError() != null) {
            if (!flow.nodes().containsKey(flow.onError().name())) {
                problems.add(new FlowProblem(flow.onError().pos(), "", "on-error node '" + flow.onError().name()
                        + "' does not exist"));
            }
            return;
        }
        if (flow.queueFallback().isBlank()) {
            problems.add(new FlowProblem(top, "", "a flow needs 'queue-fallback' (a Dial target such as"
                    + " Local/operators@hotline-seats) or 'on-error' (a node): where a caller goes when Redis cannot"
                    + " be reached, instead of being hung up"));
            return;
        }
        List<String> missing = flow.languages().stream()
                .filter(lang -> prompts.text(lang, Flow.HOLD_PROMPT).isEmpty()).toList();
        if (!missing.isEmpty()) {
            problems.add(new FlowProblem(top, "", "prompt '" + Flow.HOLD_PROMPT + "' (played before the queue-fallback"
                    + " Dial) has no text in " + String.join(", ", missing) + " (" + prompts.directory() + "/<lang>.yaml)"));
        }
    }

    private static void deadEnd(FlowNode node, List<FlowProblem> problems) {
        if (node instanceof FlowNode.Condition condition && condition.otherwise() == null) {
            problems.add(new FlowProblem(node.pos(), node.id(), "when no case holds the path ends here without "
                    + "hangup, enqueue or transfer (add '- else: node')"));
            return;
        }
        if (node.terminal() || !node.successors().isEmpty()) {
            return;
        }
        String why = node instanceof FlowNode.Condition
                ? "when no case holds the path ends here without hangup, enqueue or transfer (add '- else: node')"
                : "the path ends here without hangup, enqueue or transfer (add 'next')";
        problems.add(new FlowProblem(node.pos(), node.id(), why));
    }

    private void nodeSpecific(Flow flow, FlowNode node, List<FlowProblem> problems) {
        if (node instanceof FlowNode.Menu menu) {
            collidingPhrases(menu, problems);
        } else if (node instanceof FlowNode.Language language) {
            for (FlowNode.LanguageChoice choice : language.choices()) {
                if (!flow.languages().contains(choice.language())) {
                    problems.add(new FlowProblem(choice.pos(), node.id(), "language '" + choice.language()
                            + "' is not offered by this flow " + flow.languages()));
                }
            }
            languagePhrases(language, problems);
        } else if (node instanceof FlowNode.Subflow subflow && !flowExists.test(subflow.flow().name())) {
            problems.add(new FlowProblem(subflow.flow().pos(), node.id(), "unknown flow '" + subflow.flow().name()
                    + "' (no " + subflow.flow().name() + ".yaml beside this flow)"));
        } else if (node instanceof FlowNode.Condition condition && flow.calendar() == HolidayCalendar.NONE) {
            condition.cases().stream().filter(c -> c.tests().stream().anyMatch(t -> t instanceof CallTest.Holiday))
                    .forEach(c -> problems.add(new FlowProblem(c.pos(), node.id(),
                            "a holiday test needs 'calendar: FILE' at the top of the flow")));
        }
    }

    /** Two options of one menu answering to the same words (ignoring case and spaces) in one language. */
    private static void collidingPhrases(FlowNode.Menu menu, List<FlowProblem> problems) {
        Map<String, String> owner = new HashMap<>();
        for (FlowNode.MenuOption option : menu.options()) {
            option.phrases().forEach((lang, phrases) -> {
                for (FlowNode.Phrase phrase : phrases) {
                    String before = owner.putIfAbsent(lang + "\u0000" + normalize(phrase.text()), option.key());
                    if (before != null && !before.equals(option.key())) {
                        problems.add(new FlowProblem(phrase.pos(), menu.id(), "phrase '" + phrase.text() + "' (" + lang
                                + ") collides: key " + before + " already answers to it"));
                    }
                }
            });
        }
    }

    private static void languagePhrases(FlowNode.Language node, List<FlowProblem> problems) {
        Map<String, String> owner = new HashMap<>();
        for (FlowNode.LanguageChoice choice : node.choices()) {
            for (FlowNode.Phrase phrase : choice.phrases()) {
                String before = owner.putIfAbsent(normalize(phrase.text()), choice.language());
                if (before != null && !before.equals(choice.language())) {
                    problems.add(new FlowProblem(phrase.pos(), node.id(), "phrase '" + phrase.text()
                            + "' collides: it already chooses " + before));
                }
            }
        }
    }

    static String normalize(String phrase) {
        return phrase.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}，。？！、]+", "");
    }

    private void missingPrompts(Flow flow, FlowNode node, List<FlowProblem> problems) {
        for (Ref prompt : node.prompts()) {
            List<String> missing = flow.languages().stream()
                    .filter(lang -> prompts.text(lang, prompt.name()).isEmpty()).toList();
            if (!missing.isEmpty()) {
                problems.add(new FlowProblem(prompt.pos(), node.id(), "prompt '" + prompt.name() + "' has no text in "
                        + String.join(", ", missing) + " (" + prompts.directory() + "/<lang>.yaml)"));
            }
        }
    }

    private static Set<String> reachable(Flow flow) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(flow.start().name()));
        if (flow.onError() != null) {
            todo.add(flow.onError().name());
        }
        while (!todo.isEmpty()) {
            String id = todo.pop();
            FlowNode node = flow.nodes().get(id);
            if (node != null && seen.add(id)) {
                node.successors().forEach(ref -> todo.push(ref.name()));
            }
        }
        return seen;
    }

    /**
     * Nodes from which no path leaves the flow. Dead ends and unknown references are reported on their own, so
     * they count as exits here; what is left is caught in a loop, reported once per loop at its first node.
     */
    private static void trappingLoops(Flow flow, Set<String> reachable, List<FlowProblem> problems) {
        Set<String> exits = new HashSet<>();
        for (FlowNode node : flow.nodes().values()) {
            if (node.terminal() || node.successors().isEmpty()
                    || node.successors().stream().anyMatch(r -> !flow.nodes().containsKey(r.name()))) {
                exits.add(node.id());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (FlowNode node : flow.nodes().values()) {
                if (!exits.contains(node.id()) && node.successors().stream().anyMatch(r -> exits.contains(r.name()))) {
                    exits.add(node.id());
                    grew = true;
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (FlowNode node : flow.nodes().values()) {
            if (!reachable.contains(node.id()) || exits.contains(node.id()) || reported.contains(node.id())) {
                continue;
            }
            List<String> loop = loopFrom(flow, node.id(), exits);
            if (loop.isEmpty()) {
                continue;
            }
            reported.addAll(trappedFrom(flow, node.id(), exits));
            problems.add(new FlowProblem(node.pos(), node.id(), "loop without an exit: " + String.join(" -> ", loop)
                    + " never reaches hangup, enqueue or transfer"));
        }
    }

    /** Every trapped node reachable from {@code start}: one loop report covers them all. */
    private static Set<String> trappedFrom(Flow flow, String start, Set<String> exits) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!exits.contains(id) && seen.add(id)) {
                flow.nodes().get(id).successors().forEach(ref -> todo.push(ref.name()));
            }
        }
        return seen;
    }

    /** The cycle through {@code start} among trapped nodes, as ids from start back to start; empty if none. */
    private static List<String> loopFrom(Flow flow, String start, Set<String> exits) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            for (Ref next : flow.nodes().get(id).successors()) {
                if (next.name().equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String at = id; !at.equals(start); at = parent.get(at)) {
                        path.add(1, at);
                    }
                    path.add(start);
                    return path;
                }
                if (!exits.contains(next.name()) && !parent.containsKey(next.name())) {
                    parent.put(next.name(), id);
                    todo.add(next.name());
                }
            }
        }
        return List.of();
    }
}
