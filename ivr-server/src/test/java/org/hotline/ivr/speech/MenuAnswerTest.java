package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MenuAnswerTest {

    private static Transcript heard(String text, double... confidences) {
        String[] words = text.split(" ");
        List<Word> list = new java.util.ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            list.add(new Word(words[i], i, i + 0.5, confidences[i]));
        }
        return new Transcript("c1", "zh", text, list, true);
    }

    @Test
    void aConfidentAnswerMatchesItsPhraseIgnoringTheSpacesChineseModelsPutBetweenWords() {
        MenuAnswer answer = MenuAnswer.of(heard("投诉 噪音", 0.95, 0.9), List.of("咨询", "投诉噪音"), 0.6);
        assertThat(answer.outcome()).isEqualTo(MenuAnswer.Outcome.MATCHED);
        assertThat(answer.phrase()).isEqualTo("投诉噪音");
        assertThat(answer.confidence()).isEqualTo(0.9);
    }

    @Test
    void aWeakWordMakesTheAnswerLowConfidenceSoTheFlowReprompts() {
        MenuAnswer answer = MenuAnswer.of(heard("two", 0.4), List.of("one", "two"), 0.6);
        assertThat(answer.outcome()).isEqualTo(MenuAnswer.Outcome.LOW_CONFIDENCE);
        assertThat(answer.accepted()).isFalse();
    }

    @Test
    void somethingOutsideTheMenuIsNotUnderstood() {
        assertThat(MenuAnswer.of(heard("[unk]", 1.0), List.of("one", "two"), 0.6).outcome())
                .isEqualTo(MenuAnswer.Outcome.NOT_UNDERSTOOD);
        assertThat(MenuAnswer.of(new Transcript("c1", "en", "", List.of(), true), List.of("one"), 0.6).outcome())
                .isEqualTo(MenuAnswer.Outcome.NOT_UNDERSTOOD);
    }

    @Test
    void theGrammarGivenToVoskIsThePhrasesInLowerCasePlusUnknown() {
        assertThat(Recognizers.grammarJson(List.of("Yes", "No thanks"))).isEqualTo("[\"yes\",\"no thanks\",\"[unk]\"]");
    }
}
