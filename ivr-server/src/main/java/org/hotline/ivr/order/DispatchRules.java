package org.hotline.ivr.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suggested handling unit from {@code config/dispatch.yaml}: category x place -> unit, first
 * matching rule wins. A rule may need a known street or town (local problems go to its office, as
 * 接诉即办 dispatches them) or a known district (sector problems go to the district's bureau).
 */
public final class DispatchRules {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Set<String> PLACEHOLDERS = Set.of("district", "street", "streetOffice");

    enum Needs { NONE, DISTRICT, STREET }

    record Rule(String category, Set<String> subCategories, Needs needs, String unit) {
        boolean matches(Classification c, Location location) {
            return (category.equals("*") || category.equals(c.category()))
                    && (subCategories.isEmpty() || subCategories.contains(c.subCategory()))
                    && switch (needs) {
                        case NONE -> true;
                        case DISTRICT -> !location.district().isEmpty();
                        case STREET -> !location.street().isEmpty();
                    };
        }
    }

    private final List<Rule> rules;

    DispatchRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static DispatchRules read(RuleFile file, CategoryTaxonomy taxonomy) {
        List<Rule> rules = new ArrayList<>();
        file.root().flatMap(root -> root.get("rules")).ifPresentOrElse(
                list -> list.items().forEach(item -> rules.add(rule(item, taxonomy))),
                () -> file.root().ifPresent(root -> root.problem("needs a list 'rules'")));
        if (rules.stream().noneMatch(rule -> rule.category().equals("*") && rule.needs() == Needs.NONE)) {
            file.root().ifPresent(root -> root.problem("needs a last rule for category '*' without 'needs', "
                    + "so that every order gets a unit"));
        }
        return new DispatchRules(rules);
    }

    private static Rule rule(RuleFile.Entry item, CategoryTaxonomy taxonomy) {
        String category = item.required("category");
        boolean known = category.equals("*") || category.equals(Category.UNCLASSIFIED)
                || taxonomy.category(category).isPresent();
        if (!category.isEmpty() && !known) {
            item.get("category").orElseThrow().problem("no such category in categories.yaml");
        }
        Set<String> subs = Set.copyOf(item.strings("sub"));
        taxonomy.category(category).ifPresent(c -> subs.stream()
                .filter(sub -> c.subCategory(sub).isEmpty())
                .forEach(sub -> item.get("sub").orElseThrow().problem("'" + sub + "' is not a sub-category of " + category)));
        Needs needs = Needs.NONE;
        String needsText = item.optional("needs", "none");
        try {
            needs = Needs.valueOf(needsText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            item.get("needs").orElseThrow().problem("must be street, district or none");
        }
        String unit = item.required("unit");
        Matcher m = PLACEHOLDER.matcher(unit);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                item.get("unit").orElseThrow().problem("unknown placeholder {" + m.group(1) + "}; use " + PLACEHOLDERS);
            }
        }
        return new Rule(category, subs, needs, unit);
    }

    public String unitFor(Classification classification, Location location) {
        return rules.stream()
                .filter(rule -> rule.matches(classification, location))
                .findFirst()
                .map(rule -> fill(rule.unit(), location))
                .orElse("");
    }

    /** The units of all rules whose place needs {@code location} meets, in rule order, each once. */
    List<String> unitsAt(Location location) {
        return rules.stream()
                .filter(rule -> switch (rule.needs()) {
                    case NONE -> true;
                    case DISTRICT -> !location.district().isEmpty();
                    case STREET -> !location.street().isEmpty();
                })
                .map(rule -> fill(rule.unit(), location))
                .distinct()
                .toList();
    }

    private static String fill(String template, Location location) {
        return template.replace("{district}", location.district())
                .replace("{streetOffice}", officeOf(location.street()))
                .replace("{street}", location.street());
    }

    /** 双井街道 -> 双井街道办事处, 南磨房地区 -> 南磨房地区办事处, 宋庄镇 -> 宋庄镇人民政府. */
    static String officeOf(String street) {
        if (street.endsWith("街道") || street.endsWith("地区")) {
            return street + "办事处";
        }
        return street.isEmpty() ? "" : street + "人民政府";
    }
}
