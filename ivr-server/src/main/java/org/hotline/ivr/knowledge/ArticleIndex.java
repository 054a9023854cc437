package org.hotline.ivr.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The articles indexed in memory. One analyzer for every field and language: SmartChinese segments Chinese into
 * words with its dictionary and lower-cases and stems the rest ("parking" finds "parked"), so "暖气不热" finds an
 * article that says "暖气片" and "不热" apart. A query's words may match the title (weighed most), the tags or
 * the body; a category adds the articles filed under it (or under its parent); a language only prefers.
 * Immutable once built: a reload builds a new one, and the old one is left to the garbage collector (it holds
 * only memory), so a search still running on it finishes.
 */
final class ArticleIndex {

    /** What a seat looks for: words (a question, or a transcript), a category code, a preferred language. */
    record Search(String text, String category, String language, int limit) {
    }

    private static final int MAX_TERMS = 64;
    private static final int SNIPPET = 120;
    private static final char OPEN = '\u0001';
    private static final char CLOSE = '\u0002';
    private static final Pattern MARKDOWN = Pattern.compile("(?m)^\\s*(?:#+|[-*]|\\d+\\.)\\s+|\\*\\*|__|`");

    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, Article> byId;

    ArticleIndex(List<Article> articles) {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Article article : articles) {
                writer.addDocument(document(article));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("indexing the knowledge base in memory", e);
        }
        try {
            reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("opening the knowledge index", e);
        }
        searcher = new IndexSearcher(reader);
        byId = articles.stream().collect(Collectors.toUnmodifiableMap(Article::id, article -> article));
    }

    int size() {
        return byId.size();
    }

    Optional<Article> article(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private static Document document(Article article) {
        Document doc = new Document();
        doc.add(new StringField("id", article.id(), Field.Store.YES));
        doc.add(new StringField("language", article.language(), Field.Store.YES));
        doc.add(new StoredField("categoryCode", article.category()));
        if (!article.category().isEmpty()) {
            doc.add(new StringField("category", article.category(), Field.Store.NO));
            doc.add(new StringField("category", article.category().split("/", 2)[0], Field.Store.NO));
        }
        doc.add(new TextField("title", article.title(), Field.Store.YES));
        for (String tag : article.tags()) {
            doc.add(new TextField("tags", tag, Field.Store.NO));
        }
        doc.add(new TextField("text", plain(article.body()), Field.Store.YES));
        return doc;
    }

    /** The body as a seat reads it in a snippet: no Markdown marks. */
    static String plain(String markdown) {
        return MARKDOWN.matcher(markdown).replaceAll("").replaceAll("\\s*\\n\\s*", " ").strip();
    }

    List<ArticleHit> search(Search search) {
        List<String> terms = terms(search.text());
        BooleanQuery.Builder wanted = new BooleanQuery.Builder();
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        // A lone character the segmenter split off ("证") finds more, but marking it everywhere is noise.
        boolean longer = terms.stream().anyMatch(term -> term.codePointCount(0, term.length()) > 1);
        for (String term : terms) {
            wanted.add(new DisjunctionMaxQuery(List.of(
                    new BoostQuery(new TermQuery(new Term("title", term)), 3f),
                    new BoostQuery(new TermQuery(new Term("tags", term)), 2f),
                    new TermQuery(new Term("text", term))), 0.1f), BooleanClause.Occur.SHOULD);
            if (!longer || term.codePointCount(0, term.length()) > 1) {
                words.add(new TermQuery(new Term("text", term)), BooleanClause.Occur.SHOULD);
            }
        }
        String category = search.category() == null ? "" : search.category().strip();
        if (!category.isEmpty()) {
            wanted.add(new BoostQuery(new TermQuery(new Term("category", category)), 2f), BooleanClause.Occur.SHOULD);
            wanted.add(new TermQuery(new Term("category", category.split("/", 2)[0])), BooleanClause.Occur.SHOULD);
        }
        if (terms.isEmpty() && category.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(wanted.build(), BooleanClause.Occur.MUST);
        if (search.language() != null && !search.language().isBlank()) {
            query.add(new BoostQuery(new TermQuery(new Term("language", search.language().strip())), 0.5f),
                    BooleanClause.Occur.SHOULD);
        }
        try {
            ScoreDoc[] docs = searcher.search(query.build(), search.limit()).scoreDocs;
            Highlighter highlighter = new Highlighter((text, group) -> group.getTotalScore() > 0
                    ? OPEN + text + CLOSE : text, new QueryScorer(words.build(), "text"));
            highlighter.setTextFragmenter(new SimpleFragmenter(SNIPPET));
            List<ArticleHit> hits = new ArrayList<>();
            for (ScoreDoc hit : docs) {
                Document doc = searcher.storedFields().document(hit.doc);
                hits.add(hit(doc, highlighter, hit.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the knowledge index", e);
        }
    }

    private ArticleHit hit(Document doc, Highlighter highlighter, float score) throws IOException {
        String text = doc.get("text");
        String fragment;
        try {
            fragment = highlighter.getBestFragment(analyzer, "text", text);
        } catch (InvalidTokenOffsetsException e) {
            fragment = null;
        }
        if (fragment == null) {
            fragment = text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "…";
        }
        StringBuilder snippet = new StringBuilder();
        List<int[]> marks = new ArrayList<>();
        int start = -1;
        for (char c : fragment.toCharArray()) {
            if (c == OPEN) {
                start = snippet.length();
            } else if (c == CLOSE) {
                marks.add(new int[] {start, snippet.length()});
            } else {
                snippet.append(c);
            }
        }
        return new ArticleHit(doc.get("id"), doc.get("title"), doc.get("language"), doc.get("categoryCode"),
                snippet.toString(), marks, score);
    }

    /** The distinct words of {@code text} as the index has them, at most {@link #MAX_TERMS}. */
    private List<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a knowledge query", e);
        }
        return List.copyOf(terms);
    }
}
