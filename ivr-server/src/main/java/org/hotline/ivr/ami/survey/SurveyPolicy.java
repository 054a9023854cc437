package org.hotline.ivr.ami.survey;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How survey calls are placed and reported.
 *
 * @param context     dialplan context the answered call enters (runs {@code AGI(agi://.../survey)})
 * @param citizenDial Asterisk dial string for the citizen, {@code {number}} replaced
 * @param callerId    what the citizen sees: the hotline's number
 * @param ringTimeout how long the citizen's phone rings
 * @param maxAttempts tries before the survey counts as "not reached"
 * @param retryDelay  pause between tries
 * @param zone        the time zone whose days the rates report counts in
 */
public record SurveyPolicy(String context, String citizenDial, String callerId, Duration ringTimeout, int maxAttempts,
                           Duration retryDelay, ZoneId zone) {

    public SurveyPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("survey maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    public static SurveyPolicy defaults() {
        return new SurveyPolicy("ivr-survey", "PJSIP/{number}@trunk", "12345", Duration.ofSeconds(40), 3,
                Duration.ofHours(2), ZoneId.of("Asia/Shanghai"));
    }

    String dialString(String number) {
        return citizenDial.replace("{number}", number);
    }
}
