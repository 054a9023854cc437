package org.hotline.ivr.seat;

import java.time.Instant;
import java.util.Optional;

/**
 * A seat's appointment to call the citizen back about an order, placed through the hotline's callback path (queued
 * as a callback at that time, dialed by AMI when a seat is free). The number never comes from the page.
 */
public interface CallbackScheduling {

    CallbackScheduling NONE = (seatId, orderId, language, number, at) -> Optional.empty();

    /** The scheduled callback's id and queue, or empty when no queue of the seat can take it. */
    Optional<Scheduled> schedule(String seatId, String orderId, String language, String number, Instant at);

    record Scheduled(String callbackId, String queue, Instant at) {
    }
}
