package org.hotline.ivr.sms;

/** Where an SMS is handed for delivery; one blocking request per message. */
public interface SmsGateway {

    /** Hands {@code text} for {@code to} (national form) to the gateway; never throws for the gateway's answers. */
    SendResult send(String to, String text);

    /** For logs and {@code /healthz}: which gateway, never its secret. */
    String describe();

    /**
     * The gateway's answer: {@link Outcome#ACCEPTED} (it took the message), {@link Outcome#REFUSED} (it answered no:
     * wrong password, bad request) or {@link Outcome#UNAVAILABLE} (no answer: down, timed out, 5xx). {@code status}
     * is the HTTP status (0 without one), {@code answer} the gateway's text or what went wrong.
     */
    record SendResult(Outcome outcome, int status, String answer) {

        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }

        /** One line for a log or an operator: {@code Authorization failed for sendsms (HTTP 403)}. */
        public String describe() {
            return answer + (status > 0 ? " (HTTP " + status + ")" : "");
        }
    }

    enum Outcome { ACCEPTED, REFUSED, UNAVAILABLE }
}
