package org.hotline.ivr.seat.live;

import java.util.List;
import java.util.Optional;
import org.hotline.ivr.knowledge.KnowledgeBase;
import org.hotline.ivr.seat.KnowledgeLookup;

/** The console's knowledge look-ups on the node's Lucene knowledge base. */
public record KnowledgeBaseLookup(KnowledgeBase base) implements KnowledgeLookup {

    @Override
    public List<Found> search(String text, String category, String language, int limit) {
        return base.search(text, category, language, limit).stream()
                .map(hit -> new Found(hit.id(), hit.title(), hit.language(), hit.category(), hit.snippet(), hit.marks(),
                        hit.score()))
                .toList();
    }

    @Override
    public Optional<Page> article(String id) {
        return base.article(id).map(a -> new Page(a.id(), a.title(), a.language(), a.category(), a.tags(), a.body()));
    }
}
