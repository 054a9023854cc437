package org.hotline.ivr.order;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-line summary a seat reads first: category, place, and the start of what the caller said,
 * e.g. {@code 城市管理与环境卫生/垃圾清运 · 朝阳区望京街道 · 我要反映一下，朝阳区望京街道的垃圾…}.
 * Labels are Chinese, or English for calls in any other language.
 */
final class SummaryWriter {

    private static final int EXCERPT = 60;

    private final CategoryTaxonomy taxonomy;

    SummaryWriter(CategoryTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    String summarize(String language, Classification classification, Location location, String text) {
        boolean chinese = language == null || language.equals("zh") || language.equals("yue");
        List<String> parts = new ArrayList<>();
        parts.add(label(classification, chinese));
        String place = location.district() + location.street() + location.community();
        if (!place.isEmpty()) {
            parts.add(place);
        }
        String said = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        parts.add(said.isEmpty() ? (chinese ? "（无描述）" : "(no description)")
                : said.length() <= EXCERPT ? said : said.substring(0, EXCERPT) + "…");
        return String.join(" · ", parts);
    }

    private String label(Classification classification, boolean chinese) {
        return taxonomy.category(classification.category()).map(category -> {
            String name = chinese || category.en().isEmpty() ? category.name() : category.en();
            return category.subCategory(classification.subCategory())
                    .map(sub -> name + "/" + (chinese || sub.en().isEmpty() ? sub.name() : sub.en()))
                    .orElse(name);
        }).orElse(chinese ? "未分类" : "unclassified");
    }
}
