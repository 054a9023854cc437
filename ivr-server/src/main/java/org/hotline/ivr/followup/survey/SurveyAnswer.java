package org.hotline.ivr.followup.survey;

import java.time.Instant;

/**
 * What one citizen answered. A question left unanswered (no key, hung up) is {@code null}: a citizen who
 * says "resolved" and hangs up still counts for the resolution rate.
 */
public record SurveyAnswer(String orderId, String callId, Boolean resolved, Satisfaction satisfaction, Instant at) {

    public boolean empty() {
        return resolved == null && satisfaction == null;
    }

    /** Everything answered, for a log line from which a lost answer can be recorded by hand (no phone number). */
    public String describe() {
        return "order=" + orderId + " call=" + callId + " resolved=" + resolved + " satisfaction=" + satisfaction
                + " at=" + at;
    }
}
