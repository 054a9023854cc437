package org.hotline.ivr.followup;

import java.util.List;

/**
 * How a callback ended, with every attempt, for the order's history.
 *
 * @param seatChannel when connected, the unique id of the seat's channel the conversation runs on ("" if unknown)
 */
public record CallbackOutcome(String callbackId, Result result, List<Attempt> attempts, String seatChannel) {

    public CallbackOutcome(String callbackId, Result result, List<Attempt> attempts) {
        this(callbackId, result, attempts, "");
    }

    public enum Result {
        /** Seat and citizen are talking. */
        CONNECTED,
        /** The seat's phone did not answer (or hung up first): give the callback to another seat; not retried here. */
        SEAT_NOT_REACHED,
        /** Every attempt allowed by the policy failed to reach the citizen. */
        CITIZEN_NOT_REACHED,
        /** Asterisk could not be asked (no link, refused) on every attempt. */
        FAILED,
        /** The link dropped while the citizen's phone was ringing: the call may or may not have connected. */
        UNKNOWN
    }

    /** One try: its number (1-based), what happened, and Asterisk's words for it (a dial status, a reason). */
    public record Attempt(int number, Result result, String detail) {

        /** The order's word for it: answered, no-answer, busy, failed, seat-unreachable or unknown. */
        public String outcome() {
            return switch (result) {
                case CONNECTED -> "answered";
                case SEAT_NOT_REACHED -> "seat-unreachable";
                case FAILED -> "failed";
                case UNKNOWN -> "unknown";
                case CITIZEN_NOT_REACHED -> switch (detail == null ? "" : detail) {
                    case "NOANSWER" -> "no-answer";
                    case "BUSY" -> "busy";
                    default -> "failed";
                };
            };
        }
    }

    public CallbackOutcome {
        attempts = List.copyOf(attempts);
        seatChannel = seatChannel == null ? "" : seatChannel;
    }
}
