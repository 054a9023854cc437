package org.hotline.ivr.order;

import java.util.ArrayList;
import java.util.List;

/** The phrases of one rule in every language it has; matching tries them all, whatever the call's language. */
record PhraseSet(List<Phrase> phrases) {

    PhraseSet {
        phrases = List.copyOf(phrases);
    }

    /** The phrases under {@code key} of {@code owner} ({@code {zh: [...], en: [...]}}); absent means none. */
    static PhraseSet read(RuleFile.Entry owner, String key) {
        return owner.get(key).map(PhraseSet::read).orElseGet(() -> new PhraseSet(List.of()));
    }

    /** A map of language to phrases. */
    static PhraseSet read(RuleFile.Entry byLanguage) {
        List<Phrase> phrases = new ArrayList<>();
        for (String language : byLanguage.keys()) {
            for (String text : byLanguage.get(language).orElseThrow().asStrings()) {
                phrases.add(Phrase.of(language, text));
            }
        }
        return new PhraseSet(phrases);
    }

    List<Phrase> foundIn(MatchText text) {
        return phrases.stream().filter(phrase -> phrase.foundIn(text)).toList();
    }

    boolean isEmpty() {
        return phrases.isEmpty();
    }
}
