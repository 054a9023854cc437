package org.hotline.ivr.seat;

import java.util.List;
import java.util.Optional;

/** The knowledge base as the console reads it: search (a question, a transcript, a category) and open. */
public interface KnowledgeLookup {

    /** A found article; {@code marks} are {@code [start, end)} ranges of matched words in {@code snippet}. */
    record Found(String id, String title, String language, String category, String snippet, List<int[]> marks,
                 float score) {
    }

    /** A whole article; {@code body} is Markdown, shown as text. */
    record Page(String id, String title, String language, String category, List<String> tags, String body) {
    }

    /** Nothing to look up in: a console without a knowledge base answers every search with no articles. */
    KnowledgeLookup NONE = new KnowledgeLookup() {
        @Override
        public List<Found> search(String text, String category, String language, int limit) {
            return List.of();
        }

        @Override
        public Optional<Page> article(String id) {
            return Optional.empty();
        }
    };

    List<Found> search(String text, String category, String language, int limit);

    Optional<Page> article(String id);
}
