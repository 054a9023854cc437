package org.hotline.ivr.speech;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * A spoken menu answer: which of the menu's phrases was said, how sure the recognizer was, and whether
 * that is sure enough. {@code NOT_UNDERSTOOD} and {@code LOW_CONFIDENCE} mean: re-prompt or fall back to DTMF.
 */
public record MenuAnswer(Outcome outcome, String phrase, double confidence, String heard) {

    public enum Outcome { MATCHED, LOW_CONFIDENCE, NOT_UNDERSTOOD }

    public boolean accepted() {
        return outcome == Outcome.MATCHED;
    }

    /** Matches a final transcript against the menu's phrases (ignoring case, spaces and punctuation). */
    public static MenuAnswer of(Transcript transcript, List<String> phrases, double minConfidence) {
        String heard = normalize(transcript.text());
        for (String phrase : phrases) {
            if (!heard.isEmpty() && normalize(phrase).equals(heard)) {
                double confidence = transcript.words().stream().mapToDouble(Word::confidence).min().orElse(0);
                Outcome outcome = confidence >= minConfidence ? Outcome.MATCHED : Outcome.LOW_CONFIDENCE;
                return new MenuAnswer(outcome, phrase, confidence, transcript.text());
            }
        }
        return new MenuAnswer(Outcome.NOT_UNDERSTOOD, null, 0, transcript.text());
    }

    /** Chinese and Japanese models put spaces between words: compare without any. */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\[unk\\]", "").replaceAll("[\\p{Z}\\s\\p{P}]", "");
    }
}
