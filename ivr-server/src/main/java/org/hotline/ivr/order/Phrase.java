package org.hotline.ivr.order;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One phrase of a rule, in one language. Phrases in a script written without spaces (Han, kana,
 * Hangul) match as substrings of the compact text, without word segmentation; others match as whole
 * words, case-insensitively, with a few common endings allowed ("pothole" matches "potholes").
 */
record Phrase(String language, String text, Pattern words, double weight) {

    private static final Pattern UNSPACED_SCRIPT =
            Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");

    static Phrase of(String language, String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim();
        if (UNSPACED_SCRIPT.matcher(normal).find()) {
            String compact = normal.replaceAll("[\\s\\p{P}\\p{S}]+", "");
            return new Phrase(language, compact, null, 1.0 + Math.min(compact.length() - 1, 5) * 0.25);
        }
        String ending = language.equals("en") ? "(?:s|es|ed|d|ing)?" : "\\p{L}{0,3}";
        String body = Pattern.quote(normal).replaceAll("\\s+", "\\\\E\\\\s+\\\\Q");
        Pattern words = Pattern.compile("(?<![\\p{L}\\p{N}])" + body + ending + "(?![\\p{L}\\p{N}])");
        int count = normal.split("\\s+").length;
        return new Phrase(language, normal, words, 1.0 + (count - 1) * 0.5);
    }

    boolean foundIn(MatchText text) {
        return indexIn(text) >= 0;
    }

    /** Where the phrase first occurs (in the compact or the spaced text, by script), or -1. */
    int indexIn(MatchText text) {
        if (words == null) {
            return text.compact().indexOf(this.text);
        }
        java.util.regex.Matcher m = words.matcher(text.spaced());
        return m.find() ? m.start() : -1;
    }

    /** How the phrase is shown as evidence: {@code zh:垃圾}. */
    String label() {
        return language + ":" + text;
    }
}
