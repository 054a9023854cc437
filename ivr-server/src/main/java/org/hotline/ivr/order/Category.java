package org.hotline.ivr.order;

import java.util.List;
import java.util.Optional;

/** One category of the taxonomy, with its own phrases and its sub-categories'. */
public record Category(String id, String name, String en, PhraseSet phrases, List<SubCategory> subCategories) {

    static final String UNCLASSIFIED = "unclassified";

    public Category {
        subCategories = List.copyOf(subCategories);
    }

    Optional<SubCategory> subCategory(String subId) {
        return subCategories.stream().filter(sub -> sub.id().equals(subId)).findFirst();
    }

    /** A sub-category of a category: its phrases also count towards the category. */
    public record SubCategory(String id, String name, String en, PhraseSet phrases) {
    }
}
