package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One node of a flow, as written in YAML. Each knows where it may go next and which prompts it plays. */
public sealed interface FlowNode {

    String id();

    SourcePos pos();

    /** The YAML key that names the node's type ({@code play}, {@code menu} ...). */
    String type();

    /** Every node this one may lead to; {@code null} entries are never returned. */
    List<Ref> successors();

    /** Every prompt id this node may play. */
    List<Ref> prompts();

    /** A node where a path may rightly end: the call leaves the flow (or, in a subflow, goes back). */
    default boolean terminal() {
        return false;
    }

    /** A phrase a caller may say instead of pressing a key, in one language. */
    record Phrase(String text, SourcePos pos) {
    }

    record Play(String id, SourcePos pos, List<Ref> promptList, Ref next) implements FlowNode {
        public String type() { return "play"; }
        public List<Ref> successors() { return refs(next); }
        public List<Ref> prompts() { return promptList; }
    }

    /** Choose the caller's language: by key, or by saying its name where speech is available. */
    /** {@code endSilence}: end of a spoken answer, null for the server's {@code audio.menuEndSilence}. */
    record Language(String id, SourcePos pos, Ref prompt, List<LanguageChoice> choices, Duration timeout,
                    int retries, String fallback, Ref next, Duration endSilence) implements FlowNode {
        public String type() { return "language"; }
        public List<Ref> successors() { return refs(next); }
        public List<Ref> prompts() { return refs(prompt); }
    }

    record LanguageChoice(String key, String language, List<Phrase> phrases, SourcePos pos) {
    }

    /** {@code endSilence}: end of a spoken answer, null for the server's {@code audio.menuEndSilence}. */
    record Menu(String id, SourcePos pos, Ref prompt, List<MenuOption> options, Duration timeout, int retries,
                Ref invalid, Ref fallback, Duration endSilence) implements FlowNode {
        public String type() { return "menu"; }
        public List<Ref> successors() {
            List<Ref> all = new ArrayList<>();
            options.forEach(option -> all.add(option.next()));
            all.addAll(refs(fallback));
            return all;
        }
        public List<Ref> prompts() { return refs(prompt, invalid); }
    }

    /** A key, where it leads, and what a caller may say for it, per language. */
    record MenuOption(String key, SourcePos pos, Ref next, Map<String, List<Phrase>> phrases) {
    }

    /** Digits such as an order or callback number; {@code into} names the variable that keeps them. */
    record Collect(String id, SourcePos pos, Ref prompt, int minDigits, int maxDigits, Duration timeout,
                   int retries, Ref invalid, Pattern pattern, String into, Ref fallback, Ref next) implements FlowNode {
        public String type() { return "collect"; }
        public List<Ref> successors() { return refs(next, fallback); }
        public List<Ref> prompts() { return refs(prompt, invalid); }
    }

    /**
     * The caller describes the problem in speech; the transcript goes into {@code into}. {@code endSilence}:
     * the silence after the last word that ends it (null: the server's {@code audio.describeEndSilence});
     * {@code finishPrompt}: heard 10 s before {@code maxLength}, or null.
     */
    record Describe(String id, SourcePos pos, Ref prompt, Duration maxLength, String into, Ref next,
                    Duration endSilence, Ref finishPrompt) implements FlowNode {
        public String type() { return "describe"; }
        public List<Ref> successors() { return refs(next); }
        public List<Ref> prompts() { return refs(prompt, finishPrompt); }
    }

    /** The first case whose tests all hold decides; {@code otherwise} when none does. */
    record Condition(String id, SourcePos pos, List<ConditionCase> cases, Ref otherwise) implements FlowNode {
        public String type() { return "condition"; }
        public List<Ref> successors() {
            List<Ref> all = new ArrayList<>();
            cases.forEach(c -> all.add(c.then()));
            all.addAll(refs(otherwise));
            return all;
        }
        public List<Ref> prompts() { return List.of(); }
    }

    record ConditionCase(SourcePos pos, List<CallTest> tests, Ref then) {
    }

    record SetVariables(String id, SourcePos pos, Map<String, String> values, Ref next) implements FlowNode {
        public String type() { return "set"; }
        public List<Ref> successors() { return refs(next); }
        public List<Ref> prompts() { return List.of(); }
    }

    /**
     * Hand the call to the call distributor; the caller's language is always one of the skills asked for.
     * {@code queue} may use variables ({@code ${line}}); {@code priorityClass} names a class of queues.yaml;
     * {@code hold} is what the caller hears while waiting.
     */
    record Enqueue(String id, SourcePos pos, String queue, int priority, String priorityClass, List<String> skills,
                   Ref announce, HoldPlan hold)
            implements FlowNode {
        public String type() { return "enqueue"; }
        public List<Ref> successors() { return List.of(); }
        public List<Ref> prompts() {
            List<Ref> all = refs(announce);
            all.addAll(hold.used());
            return all;
        }
        public boolean terminal() { return true; }
    }

    /** Dial a target (Asterisk Dial syntax); on failure go to {@code onFail} if given, else the call ends. */
    record Transfer(String id, SourcePos pos, String to, Duration timeout, Ref announce, Ref onFail)
            implements FlowNode {
        public String type() { return "transfer"; }
        public List<Ref> successors() { return refs(onFail); }
        public List<Ref> prompts() { return refs(announce); }
        public boolean terminal() { return true; }
    }

    /**
     * Tell the caller where their case stands (查询进度): the order whose number {@code order} expands to (digits the
     * caller entered), else the caller's most recent one, only if the calling number is the order's; its number read
     * back digit by digit, its status and, until dispatched, its dispatch deadline (today / tomorrow / a date, and
     * the hour, with numbers and the flow's own words); "not found" otherwise. The call
     * then carries that order (a seat taking it sees the case), and no new draft is made for it.
     */
    record Progress(String id, SourcePos pos, String order, Ref next) implements FlowNode {
        /** The prompts it plays, in every language: {@code progress-status-<status>} for each status told. */
        public static final List<String> PROMPTS = List.of("progress-your-order", "progress-status-received",
                "progress-status-dispatched", "progress-status-handled", "progress-status-closed",
                "progress-status-rehandle", "progress-dispatch-by", "progress-today", "progress-tomorrow",
                "progress-month", "progress-day", "progress-hour", "progress-minute", "progress-not-found");

        public String type() { return "progress"; }
        public List<Ref> successors() { return refs(next); }
        public List<Ref> prompts() { return PROMPTS.stream().map(name -> new Ref(name, pos)).toList(); }
    }

    record Goto(String id, SourcePos pos, Ref target) implements FlowNode {
        public String type() { return "goto"; }
        public List<Ref> successors() { return refs(target); }
        public List<Ref> prompts() { return List.of(); }
    }

    /** Run another flow from its start; its {@code return} node comes back to {@code next}. */
    record Subflow(String id, SourcePos pos, Ref flow, Ref next) implements FlowNode {
        public String type() { return "subflow"; }
        public List<Ref> successors() { return refs(next); }
        public List<Ref> prompts() { return List.of(); }
    }

    record Hangup(String id, SourcePos pos, Ref prompt) implements FlowNode {
        public String type() { return "hangup"; }
        public List<Ref> successors() { return List.of(); }
        public List<Ref> prompts() { return refs(prompt); }
        public boolean terminal() { return true; }
    }

    /** Back to the flow that called this one as a subflow (a hang-up when run on its own). */
    record Return(String id, SourcePos pos) implements FlowNode {
        public String type() { return "return"; }
        public List<Ref> successors() { return List.of(); }
        public List<Ref> prompts() { return List.of(); }
        public boolean terminal() { return true; }
    }

    private static List<Ref> refs(Ref... refs) {
        List<Ref> present = new ArrayList<>();
        for (Ref ref : refs) {
            if (ref != null) {
                present.add(ref);
            }
        }
        return present;
    }
}
