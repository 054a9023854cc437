package org.hotline.ivr.followup;

import java.time.Duration;
import org.hotline.ivr.ops.IvrConfig;

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
        return from(IvrConfig.AmiCallback.DEFAULTS);
    }

    /** From {@code ami.callback} in the configuration (already validated there). */
    public static CallbackPolicy from(IvrConfig.AmiCallback config) {
        return new CallbackPolicy(config.context(), config.citizenDial(), config.callerId(), config.seatRingTimeout(),
                config.citizenRingTimeout(), config.maxAttempts(), config.retryDelay());
    }

    /** The same policy with another attempt count (1: the queue decides retries, the seat is not held). */
    public CallbackPolicy withMaxAttempts(int attempts) {
        return new CallbackPolicy(context, citizenDial, callerId, seatRingTimeout, citizenRingTimeout, attempts,
                retryDelay);
    }

    String dialString(String number) {
        return citizenDial.replace("{number}", number);
    }
}
