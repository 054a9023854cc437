package org.hotline.ivr.order;

import java.util.List;

/**
 * What the phrases say the case is about. {@code subCategory} is empty when no sub-category phrase
 * matched; {@code phrases} are the ones that decided it ({@code zh:垃圾}), for the rule tuners.
 */
public record Classification(String category, String subCategory, double score, List<String> phrases) {

    public Classification {
        phrases = List.copyOf(phrases);
    }

    static Classification unclassified() {
        return new Classification(Category.UNCLASSIFIED, "", 0, List.of());
    }

    public boolean classified() {
        return !category.equals(Category.UNCLASSIFIED);
    }
}
