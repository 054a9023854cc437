package org.hotline.ivr.speech;

import java.util.List;

/** What was recognized so far ({@code complete} false: a live partial) or in the end. */
public record Transcript(String callId, String language, String text, List<Word> words, boolean complete) {

    public Transcript {
        words = List.copyOf(words);
    }

    /** Mean word confidence, 0 without words. */
    public double confidence() {
        return words.stream().mapToDouble(Word::confidence).average().orElse(0);
    }

    public boolean isEmpty() {
        return text.isBlank();
    }
}
