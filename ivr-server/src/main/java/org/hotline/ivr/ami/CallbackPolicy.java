package org.hotline.ivr.ami;

import java.time.Duration;

/**
 * How callbacks are placed.
 *
 * @param context            dialplan context the seat's channel enters once answered (see config/asterisk/extensions.conf)
 * @param citizenDial        Asterisk dial string for the citizen, {@code {number}} replaced, e.g. {@code PJSIP/{number}@trunk}
 * @param callerId           the caller id the citizen sees (the hotline's number)
 * @param seatRingTimeout    how long the seat's phone rings
 * @param citizenRingTimeout how long the citizen's phone rings
 * @param maxAttempts        attempts to reach the citizen before giving up
 * @param retryDelay         pause between attempts
 */
public record CallbackPolicy(String context, String citizenDial, String callerId, Duration seatRingTimeout,
                             Duration citizenRingTimeout, int maxAttempts, Duration retryDelay) {

    public CallbackPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("callback maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (!citizenDial.contains("{number}") && !citizenDial.startsWith("Local/")) {
            throw new IllegalArgumentException("callback citizenDial must contain {number}: " + citizenDial);
        }
    }

    public static CallbackPolicy defaults() {
        return new CallbackPolicy("ivr-callback", "PJSIP/{number}@trunk", "12345", Duration.ofSeconds(20),
                Duration.ofSeconds(40), 3, Duration.ofMinutes(5));
    }

    String dialString(String number) {
        return citizenDial.replace("{number}", number);
    }
}
