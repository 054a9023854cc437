package org.hotline.ivr.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The categories from {@code config/categories.yaml} and the phrase scoring that picks one. Every
 * matched phrase adds its weight (longer phrases weigh more) to its category; the highest total
 * wins, ties going to the category listed first. No phrase at all: {@code unclassified}.
 */
public final class CategoryTaxonomy {

    static final double MENU_WEIGHT = 2.0;

    private final List<Category> categories;

    CategoryTaxonomy(List<Category> categories) {
        this.categories = List.copyOf(categories);
    }

    static CategoryTaxonomy read(RuleFile file) {
        List<Category> categories = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        file.root().flatMap(root -> root.get("categories")).ifPresentOrElse(
                list -> list.items().forEach(item -> categories.add(category(item, ids))),
                () -> file.root().ifPresent(root -> root.problem("needs a list 'categories'")));
        return new CategoryTaxonomy(categories);
    }

    private static Category category(RuleFile.Entry item, Set<String> ids) {
        String id = uniqueId(item, ids);
        List<Category.SubCategory> subs = new ArrayList<>();
        item.get("sub").ifPresent(list -> list.items().forEach(sub -> subs.add(new Category.SubCategory(
                uniqueId(sub, ids), sub.required("name"), sub.optional("en", ""), PhraseSet.read(sub, "phrases")))));
        PhraseSet phrases = PhraseSet.read(item, "phrases");
        if (phrases.isEmpty() && subs.stream().allMatch(sub -> sub.phrases().isEmpty()) && item.strings("menu").isEmpty()) {
            item.problem("category '" + id + "' has no phrases, so nothing can ever be classified into it");
        }
        return new Category(id, item.required("name"), item.optional("en", ""), phrases, item.strings("menu"), subs);
    }

    private static String uniqueId(RuleFile.Entry item, Set<String> ids) {
        String id = item.required("id");
        if (!id.isEmpty() && !ids.add(id)) {
            item.get("id").orElseThrow().problem("id '" + id + "' is used twice");
        }
        if (id.equals(Category.UNCLASSIFIED)) {
            item.get("id").orElseThrow().problem("'unclassified' is reserved for transcripts no phrase matches");
        }
        return id;
    }

    public Classification classify(String text) {
        return classify(MatchText.of(text), List.of());
    }

    /** By phrases of the text and by the caller's menu choices (a choice weighs {@value #MENU_WEIGHT}). */
    Classification classify(MatchText text, List<String> menuPath) {
        if (text.isBlank() && menuPath.isEmpty()) {
            return Classification.unclassified();
        }
        Classification best = Classification.unclassified();
        for (Category category : categories) {
            List<String> evidence = new ArrayList<>();
            double score = add(category.phrases(), text, evidence);
            for (String step : category.menu()) {
                if (menuPath.contains(step)) {
                    score += MENU_WEIGHT;
                    evidence.add("menu:" + step);
                }
            }
            String bestSub = "";
            double bestSubScore = 0;
            for (Category.SubCategory sub : category.subCategories()) {
                double subScore = add(sub.phrases(), text, evidence);
                score += subScore;
                if (subScore > bestSubScore) {
                    bestSub = sub.id();
                    bestSubScore = subScore;
                }
            }
            if (score > best.score()) {
                best = new Classification(category.id(), bestSub, score, evidence);
            }
        }
        return best;
    }

    private static double add(PhraseSet phrases, MatchText text, List<String> evidence) {
        double score = 0;
        for (Phrase phrase : phrases.foundIn(text)) {
            score += phrase.weight();
            evidence.add(phrase.label());
        }
        return score;
    }

    public Optional<Category> category(String id) {
        return categories.stream().filter(category -> category.id().equals(id)).findFirst();
    }

    /** Whether {@code code} names a category ({@code heating}) or one of its sub-categories ({@code heating/not-warm}). */
    public boolean knows(String code) {
        String[] parts = code.split("/", 2);
        return category(parts[0]).map(c -> parts.length == 1 || c.subCategory(parts[1]).isPresent()).orElse(false);
    }

    public List<Category> categories() {
        return categories;
    }
}
