package org.hotline.ivr.followup.survey;

/** The three answers 12345 surveys accept, and the key for each. */
public enum Satisfaction {
    SATISFIED("1"),
    BASICALLY_SATISFIED("2"),
    DISSATISFIED("3");

    private final String key;

    Satisfaction(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
