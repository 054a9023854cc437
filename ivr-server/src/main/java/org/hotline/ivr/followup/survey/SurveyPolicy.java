package org.hotline.ivr.followup.survey;

import java.time.Duration;
import java.time.ZoneId;
import org.hotline.ivr.ops.IvrConfig;

/**
 * How survey calls are placed and reported.
 *
 * @param context     dialplan context the answered call enters (runs {@code AGI(agi://.../survey,${SURVEY_ORDER})})
 * @param citizenDial Asterisk dial string for the citizen, {@code {number}} replaced
 * @param callerId    what the citizen sees: the hotline's number
 * @param ringTimeout how long the citizen's phone rings
 * @param maxAttempts tries before the survey counts as "not reached"
 * @param retryDelay  pause between tries
 * @param zone        the time zone of the quiet hours and of the days the rates report counts in
 * @param delay       how long after the order is closed the first try is made
 * @param quietHours  local times no try is placed in (a try due then waits for their end)
 */
public record SurveyPolicy(String context, String citizenDial, String callerId, Duration ringTimeout, int maxAttempts,
                           Duration retryDelay, ZoneId zone, Duration delay, QuietHours quietHours) {

    public SurveyPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("survey maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** Called at once when asked, at any hour. */
    public SurveyPolicy(String context, String citizenDial, String callerId, Duration ringTimeout, int maxAttempts,
                        Duration retryDelay, ZoneId zone) {
        this(context, citizenDial, callerId, ringTimeout, maxAttempts, retryDelay, zone, Duration.ZERO, QuietHours.NONE);
    }

    public static SurveyPolicy defaults() {
        return from(IvrConfig.AmiSurvey.DEFAULTS);
    }

    /** From {@code ami.survey} in the configuration (already validated there). */
    public static SurveyPolicy from(IvrConfig.AmiSurvey config) {
        return new SurveyPolicy(config.context(), config.citizenDial(), config.callerId(), config.ringTimeout(),
                config.maxAttempts(), config.retryDelay(), ZoneId.of(config.zone()), config.delay(),
                QuietHours.parse(config.quietHours()));
    }

    String dialString(String number) {
        return citizenDial.replace("{number}", number);
    }
}
