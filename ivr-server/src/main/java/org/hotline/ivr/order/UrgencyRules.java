package org.hotline.ivr.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rules from {@code config/urgency.yaml}. A rule fires when each of its phrase groups matches (one
 * phrase of a group is enough): "gas smell" is one group; "no heating" and "elderly person alone" are
 * two. The highest level among fired rules wins; an emergency also names the number to dial.
 */
public final class UrgencyRules {

    private static final Set<String> DIAL_NUMBERS = Set.of("110", "119", "120", "122");

    record Rule(String id, Urgency.Level level, String dial, List<PhraseSet> groups) {
    }

    private final List<Rule> rules;

    UrgencyRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static UrgencyRules read(RuleFile file) {
        List<Rule> rules = new ArrayList<>();
        file.root().flatMap(root -> root.get("rules")).ifPresentOrElse(
                list -> list.items().forEach(item -> rules.add(rule(item))),
                () -> file.root().ifPresent(root -> root.problem("needs a list 'rules'")));
        return new UrgencyRules(rules);
    }

    private static Rule rule(RuleFile.Entry item) {
        String id = item.required("id");
        Urgency.Level level = Urgency.Level.NORMAL;
        String levelText = item.required("level");
        try {
            level = Urgency.Level.parse(levelText);
        } catch (IllegalArgumentException e) {
            item.get("level").orElseThrow().problem("must be normal, high or emergency");
        }
        String dial = item.optional("dial", "");
        if (level == Urgency.Level.EMERGENCY && !DIAL_NUMBERS.contains(dial)) {
            item.problem("an emergency rule needs 'dial': one of " + DIAL_NUMBERS);
        }
        List<PhraseSet> groups = new ArrayList<>();
        item.get("when").ifPresentOrElse(
                when -> when.items().forEach(group -> groups.add(PhraseSet.read(group))),
                () -> item.problem("rule '" + id + "' needs 'when': a list of phrase groups"));
        return new Rule(id, level, dial, groups);
    }

    public Urgency assess(String text) {
        return assess(MatchText.of(text));
    }

    Urgency assess(MatchText text) {
        Urgency result = Urgency.normal();
        List<String> fired = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        for (Rule rule : rules) {
            List<String> evidence = evidence(rule, text);
            if (evidence.isEmpty()) {
                continue;
            }
            fired.add(rule.id());
            phrases.addAll(evidence);
            if (rule.level().compareTo(result.level()) > 0) {
                result = new Urgency(rule.level(), rule.dial(), List.of(), List.of());
            }
        }
        return new Urgency(result.level(), result.dial(), fired, phrases);
    }

    /** The phrases that made every group of the rule match, or empty if one group did not. */
    private static List<String> evidence(Rule rule, MatchText text) {
        List<String> evidence = new ArrayList<>();
        for (PhraseSet group : rule.groups()) {
            List<Phrase> found = group.foundIn(text);
            if (found.isEmpty()) {
                return List.of();
            }
            evidence.add(found.get(0).label());
        }
        return evidence;
    }
}
