package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhraseTest {

    private static boolean found(String language, String phrase, String text) {
        return Phrase.of(language, phrase).foundIn(MatchText.of(text));
    }

    @Test
    void chinesePhrasesMatchAsSubstringsIgnoringSpacesAndPunctuation() {
        assertThat(found("zh", "暖气不热", "我家 暖气，不热")).isTrue();
        assertThat(found("zh", "暖气不热", "暖气很热")).isFalse();
    }

    @Test
    void englishPhrasesMatchWholeWordsWithCommonEndings() {
        assertThat(found("en", "pothole", "Two POTHOLES on the road")).isTrue();
        assertThat(found("en", "tax", "the taxi driver")).isFalse();
        assertThat(found("en", "street light", "the street  lights are off")).isTrue();
    }

    @Test
    void aGapAllowsAFewCharactersOrWordsInBetween() {
        assertThat(found("zh", "电压…不稳", "电压特别不稳")).isTrue();
        assertThat(found("zh", "电压…不稳", "电压这几天一直都特别特别不稳")).as("more than four characters apart").isFalse();
        assertThat(found("en", "heating … off", "the heating has been off")).isTrue();
        assertThat(found("en", "heating ... off", "heating off")).isTrue();
        assertThat(found("en", "heating … off", "heating in the building next to us is off")).isFalse();
    }

    @Test
    void fullWidthLettersAndDigitsAreReadAsOrdinaryOnes() {
        assertThat(found("zh", "798艺术区", "７９８艺术区门口")).isTrue();
    }
}
