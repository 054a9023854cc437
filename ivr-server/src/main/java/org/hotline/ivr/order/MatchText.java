package org.hotline.ivr.order;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A transcript prepared once for phrase matching: NFKC (full-width letters and digits become
 * ordinary ones), lower case, and a compact form without spaces or punctuation for scripts that
 * are not written with spaces (Chinese, Japanese; recognizers put spaces between Chinese words).
 */
record MatchText(String original, String spaced, String compact) {

    static MatchText of(String text) {
        String original = text == null ? "" : text;
        String spaced = Normalizer.normalize(original, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String compact = spaced.replaceAll("[\\s\\p{P}\\p{S}]+", "");
        return new MatchText(original, spaced, compact);
    }

    boolean isBlank() {
        return compact.isEmpty();
    }
}
