package org.hotline.ivr.knowledge;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline.ivr.http.HttpResponses;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable knowledge base of one node: the articles of its folder, indexed at start (a problem in any file
 * refuses the start, naming file and line) and again on {@link #reload()}, which swaps the new index in whole or,
 * if any file has a problem, keeps the previous one serving and reports every problem.
 */
public final class KnowledgeBase {

    /** A search's limit when none is asked for, and the most it may ask. */
    public static final int DEFAULT_LIMIT = 8;
    public static final int MAX_LIMIT = 20;
    /** Longer text (a whole transcript) is cut: its first words say enough and the query stays cheap. */
    public static final int MAX_TEXT = 1000;

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

    /** What a reload did: how many articles now serve, and the problems (none: the new index serves). */
    public record Reload(int articles, List<KnowledgeProblem> problems) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private final ArticleFolder folder;
    private final AtomicReference<ArticleIndex> index = new AtomicReference<>();

    private KnowledgeBase(ArticleFolder folder) {
        this.folder = folder;
    }

    /** Reads and indexes the folder; throws {@link IllegalStateException} listing every problem. */
    public static KnowledgeBase start(ArticleFolder folder) {
        KnowledgeBase base = new KnowledgeBase(folder);
        Reload first = base.reload();
        if (!first.clean()) {
            throw new IllegalStateException("knowledge base " + folder.folder() + " has problems:\n  "
                    + String.join("\n  ", first.problems().stream().map(KnowledgeProblem::toString).toList()));
        }
        return base;
    }

    public synchronized Reload reload() {
        ArticleFolder.Reading reading = folder.read();
        ArticleIndex current = index.get();
        if (!reading.problems().isEmpty()) {
            reading.problems().forEach(problem -> log.warn("knowledge base: {}", problem));
            return new Reload(current == null ? 0 : current.size(), reading.problems());
        }
        index.set(new ArticleIndex(reading.articles()));
        log.info("knowledge base: {} articles indexed from {}", reading.articles().size(), folder.folder());
        return new Reload(reading.articles().size(), List.of());
    }

    /**
     * The best articles for {@code text} (words of a question or of a transcript; cut at {@link #MAX_TEXT}) and/or
     * {@code category} (a category code: articles filed under it come first), preferring {@code language}
     * (may be empty); best first, at most {@code limit} (1..{@link #MAX_LIMIT}).
     */
    public List<ArticleHit> search(String text, String category, String language, int limit) {
        String cut = text == null ? "" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        int bounded = Math.max(1, Math.min(MAX_LIMIT, limit));
        return index.get().search(new ArticleIndex.Search(cut, category, language, bounded));
    }

    /** The article with this id, to read whole. */
    public Optional<Article> article(String id) {
        return index.get().article(id);
    }

    public int size() {
        return index.get().size();
    }

    /**
     * {@code POST /admin/knowledge/reload} for administrators: 200 with the article count, or 422 with every
     * problem. It reads the articles from disk, so it runs on the HTTP route pool.
     */
    public KnowledgeBase routes(Router router) {
        router.post("/admin/knowledge/reload", Role.ADMIN, request -> {
            Reload done = reload();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("articles", done.articles());
            body.put("problems", done.problems().stream().map(KnowledgeProblem::toString).toList());
            return HttpResponses.json(done.clean() ? HttpResponseStatus.OK : HttpResponseStatus.UNPROCESSABLE_ENTITY,
                    body);
        });
        return this;
    }
}
