package org.hotline.ivr.knowledge;

import java.util.List;

/**
 * One knowledge-base article. {@code id} is its file name without {@code .md} ({@code heating-season.zh});
 * {@code category} is a category code of {@code categories.yaml} ({@code heating} or {@code heating/not-warm})
 * or empty, and lets the article be suggested for orders of that category; {@code body} is Markdown.
 */
public record Article(String id, String title, String language, String category, List<String> tags, String body) {

    public Article {
        tags = List.copyOf(tags);
    }
}
