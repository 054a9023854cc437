package org.hotline.ivr.order;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One phrase of a rule, in one language. Phrases in a script written without spaces (Han, kana,
 * Hangul) match as substrings of the compact text, without word segmentation; others match as whole
 * words, case-insensitively, with a few common endings allowed ("pothole" matches "potholes").
 * A "…" in a phrase allows a few characters (or, between words, up to three words) in between:
 * "电压…不稳" also matches "电压特别不稳", "heating … off" also matches "heating has been off".
 */
record Phrase(String language, String text, Pattern pattern, boolean compact, double weight, String head) {

    static final String GAP = "…";
    private static final Pattern UNSPACED_SCRIPT =
            Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");
    private static final String CJK_GAP = ".{0,4}?";
    private static final String WORD_GAP = "\\s+(?:\\S+\\s+){0,3}?";

    static Phrase of(String language, String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim()
                .replace("...", GAP);
        if (UNSPACED_SCRIPT.matcher(normal).find()) {
            String compact = normal.replaceAll("[\\s\\p{P}\\p{S}&&[^" + GAP + "]]+", "");
            int letters = compact.replace(GAP, "").length();
            Pattern gaps = compact.contains(GAP) ? Pattern.compile(join(compact.split(GAP), CJK_GAP)) : null;
            return new Phrase(language, compact, gaps, true, 1.0 + Math.min(letters - 1, 5) * 0.25, compact);
        }
        String ending = language.equals("en") ? "(?:s|es|ed|d|ing)?" : "\\p{L}{0,3}";
        String[] parts = normal.split("\\s*" + GAP + "\\s*");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Pattern.quote(parts[i]).replaceAll("\\s+", "\\\\E\\\\s+\\\\Q");
        }
        Pattern words = Pattern.compile("(?<![\\p{L}\\p{N}])" + join(parts, WORD_GAP) + ending + "(?![\\p{L}\\p{N}])");
        int count = normal.replace(GAP, " ").trim().split("\\s+").length;
        String head = normal.split("[\\s" + GAP + "]+", 2)[0];
        return new Phrase(language, normal, words, false, 1.0 + (count - 1) * 0.5, head);
    }

    private static String join(String[] parts, String gap) {
        StringBuilder regex = new StringBuilder();
        for (String part : parts) {
            if (regex.length() > 0) {
                regex.append(gap);
            }
            regex.append(part.startsWith("\\Q") ? part : Pattern.quote(part));
        }
        return regex.toString();
    }

    boolean foundIn(MatchText text) {
        return indexIn(text) >= 0;
    }

    /** Where the phrase first occurs (in the compact or the spaced text, by script), or -1. */
    int indexIn(MatchText text) {
        if (compact) {
            if (pattern == null) {
                return text.compact().indexOf(this.text);
            }
            Matcher m = pattern.matcher(text.compact());
            return m.find() ? m.start() : -1;
        }
        // most phrases are absent from most texts: a plain search for the first word skips the regex
        if (!text.spaced().contains(head)) {
            return -1;
        }
        Matcher m = pattern.matcher(text.spaced());
        return m.find() ? m.start() : -1;
    }

    /** Whether the phrase is exactly the whole of {@code text} (for looking names up). */
    boolean isWhole(MatchText text) {
        if (compact) {
            return pattern == null ? this.text.equals(text.compact()) : pattern.matcher(text.compact()).matches();
        }
        return pattern.matcher(text.spaced().trim()).matches();
    }

    /** How the phrase is shown as evidence: {@code zh:垃圾}. */
    String label() {
        return language + ":" + text;
    }
}
