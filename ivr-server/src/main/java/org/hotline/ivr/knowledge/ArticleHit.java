package org.hotline.ivr.knowledge;

import java.util.List;

/**
 * An article found for a query: {@code snippet} is plain text from the body around the best match, and
 * {@code marks} the {@code [start, end)} character ranges in it of the words that matched, so a page can
 * highlight them without taking markup from the server.
 */
public record ArticleHit(String id, String title, String language, String category, String snippet,
                         List<int[]> marks, float score) {

    public ArticleHit {
        marks = List.copyOf(marks);
    }
}
