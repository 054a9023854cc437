package org.hotline.ivr.seat;

import java.time.Instant;

/** A work order as the console form shows it; {@code status} is {@code draft} until a seat submits it. */
public record DraftOrder(String id, String callId, String category, String location, String urgency, String summary,
                         String status, String editedBy, Instant updated, String dispatchBy) {

    public static final String DRAFT = "draft";
    public static final String SUBMITTED = "submitted";
}
