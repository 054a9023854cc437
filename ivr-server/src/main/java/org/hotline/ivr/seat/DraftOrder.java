package org.hotline.ivr.seat;

import java.time.Instant;
import java.util.List;

/**
 * A work order as the console form shows it; {@code status} is {@code draft} until a seat submits it, and a
 * submitted order can still be amended until it is dispatched ({@link #amendable()}). Besides the form's fields:
 * the handling unit the rules suggest or the seat picked ({@code units}: the picker's choices, the suggestion
 * first), the seat's handling decisions, the rules' emergency-dial advice (110/119/120, empty if none), whether
 * the rules flagged the caller as repeating a recent case, the changes made after submitting, and when it was
 * submitted (null before).
 */
public record DraftOrder(String id, String callId, String category, String location, String urgency, String summary,
                         String status, String editedBy, Instant updated, String dispatchBy, String community,
                         String handlingUnit, List<String> units, String type, String handling, boolean replyRequired,
                         boolean confidential, String contactName, String callbackNumber, String repeatOf,
                         String emergencyDial, boolean repeat, List<Amendment> amendments, Instant submittedAt) {

    public static final String DRAFT = "draft";
    public static final String SUBMITTED = "submitted";

    public DraftOrder {
        units = List.copyOf(units);
        amendments = List.copyOf(amendments);
    }

    /** A change after submitting: who, which field, from what to what, when (ISO-8601). */
    public record Amendment(String seat, String field, String from, String to, String at) {
    }

    /** A draft, or submitted and not yet dispatched. */
    public boolean amendable() {
        return DRAFT.equals(status) || SUBMITTED.equals(status);
    }
}
