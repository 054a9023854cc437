package org.hotline.ivr.ami.survey;

import java.util.Optional;

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

    public static Optional<Satisfaction> ofKey(String key) {
        for (Satisfaction value : values()) {
            if (value.key.equals(key)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
