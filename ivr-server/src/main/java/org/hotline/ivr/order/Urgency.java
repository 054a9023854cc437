package org.hotline.ivr.order;

import java.util.List;
import java.util.Locale;

/**
 * How soon the case needs handling. {@link Level#EMERGENCY} means life or property is in danger
 * now: {@code dial} is the number (110 police, 119 fire, 120 ambulance) the flow should tell the
 * caller to ring at once. {@code rules} and {@code phrases} say which rules fired and why.
 */
public record Urgency(Level level, String dial, List<String> rules, List<String> phrases) {

    public enum Level {
        NORMAL, HIGH, EMERGENCY;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Level parse(String id) {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        }
    }

    public Urgency {
        rules = List.copyOf(rules);
        phrases = List.copyOf(phrases);
    }

    static Urgency normal() {
        return new Urgency(Level.NORMAL, "", List.of(), List.of());
    }

    public boolean emergency() {
        return level == Level.EMERGENCY;
    }
}
