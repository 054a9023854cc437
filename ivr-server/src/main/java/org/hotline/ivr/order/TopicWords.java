package org.hotline.ivr.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The words of a text as the hot topics count them, from {@code config/topics.yaml}: Chinese segmented by Lucene's
 * SmartChinese analyzer (dictionary and HMM; the knowledge base's library), other text split into lower-case words
 * by Lucene's standard tokenizer without stemming, so a hot word reads as the callers said it ("elevator", not
 * "elev"). Stop words, short words and numbers are left out. Thread-safe: Lucene's analyzers keep one token
 * stream per thread.
 */
public final class TopicWords {

    /** Spaces a recognizer (Vosk) puts between Chinese words: taken out so the segmenter sees the sentence. */
    private static final Pattern HAN_SPACE = Pattern.compile("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}\\p{N}']+");

    /** How many of each the report lists. */
    public record Limits(int categories, int places, int words, int categoryWords) {
    }

    private final Set<String> stopWords;
    private final int minLength;
    private final int minOrders;
    private final Limits limits;
    // Punctuation only: SmartChinese's own stop set; ours is applied to the words it gives (after its stemming).
    private final Analyzer chinese = new SmartChineseAnalyzer(true);
    private final Analyzer other = new StandardAnalyzer(CharArraySet.EMPTY_SET);

    TopicWords(Set<String> stopWords, int minLength, int minOrders, Limits limits) {
        this.stopWords = Set.copyOf(stopWords);
        this.minLength = minLength;
        this.minOrders = minOrders;
        this.limits = limits;
    }

    /**
     * Reads {@code file} (topics.yaml); throws {@code ConfigException} naming file and line of every problem. A
     * rules folder without one (from before the hot topics) gets the limits above and no stop words.
     */
    public static TopicWords load(Path file) {
        if (!Files.exists(file)) {
            return new TopicWords(Set.of(), 2, 2, new Limits(5, 3, 20, 5));
        }
        RuleFile rules = RuleFile.read(file, new ArrayList<>());
        Set<String> stop = new LinkedHashSet<>();
        int minLength = 2;
        int minOrders = 2;
        Limits limits = new Limits(5, 3, 20, 5);
        Optional<RuleFile.Entry> root = rules.root();
        if (root.isPresent()) {
            RuleFile.Entry top = root.get();
            minLength = number(top, "min-length", minLength);
            minOrders = number(top, "min-orders", minOrders);
            Optional<RuleFile.Entry> counts = top.get("top");
            if (counts.isPresent()) {
                RuleFile.Entry t = counts.get();
                limits = new Limits(number(t, "categories", 5), number(t, "places", 3), number(t, "words", 20),
                        number(t, "category-words", 5));
            }
            Optional<RuleFile.Entry> words = top.get("stop-words");
            if (words.isPresent()) {
                for (String language : words.get().keys()) {
                    for (String word : words.get().strings(language)) {
                        stop.add(word.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        rules.check();
        return new TopicWords(stop, minLength, minOrders, limits);
    }

    private static int number(RuleFile.Entry entry, String name, int otherwise) {
        Optional<RuleFile.Entry> value = entry.get(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        String text = value.get().text();
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        value.get().problem("must be a whole number of at least 1");
        return otherwise;
    }

    public Limits limits() {
        return limits;
    }

    /** How many orders a word needs to be listed. */
    public int minOrders() {
        return minOrders;
    }

    /**
     * The distinct words of {@code text} that count, in order of first use, leaving out any that is part of one of
     * {@code known} (the order's own category and place names: reported on their own already).
     */
    public Set<String> words(String text, List<String> known) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        boolean han = HAN.matcher(text).find();
        String prepared = han ? HAN_SPACE.matcher(text).replaceAll("") : text;
        try (TokenStream tokens = (han ? chinese : other).tokenStream("text", prepared)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String word = term.toString().toLowerCase(Locale.ROOT);
                if (counts(word) && known.stream().noneMatch(name -> partOf(word, name))) {
                    out.add(word);
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("segmenting a text in memory", e);
        }
        return out;
    }

    /** A Chinese word is part of a name it occurs in (朝阳 of 朝阳区); another, of a name with it as a word. */
    private static boolean partOf(String word, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (HAN.matcher(word).find()) {
            return lower.contains(word);
        }
        return List.of(NON_LETTERS.split(lower)).contains(word);
    }

    private boolean counts(String word) {
        return word.codePointCount(0, word.length()) >= minLength && LETTER.matcher(word).find()
                && !stopWords.contains(word);
    }
}
