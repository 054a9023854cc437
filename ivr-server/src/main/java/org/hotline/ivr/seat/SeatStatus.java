package org.hotline.ivr.seat;

import java.time.Instant;

/**
 * Where a seat is: {@code logged-out}, {@code ready}, {@code offered}, {@code on-call}, {@code wrap-up} or
 * {@code paused} (with a reason), since when, and the call it holds, if any.
 */
public record SeatStatus(String seatId, String state, Instant since, String reason, String callId) {

    public static final String LOGGED_OUT = "logged-out";
    public static final String READY = "ready";
    public static final String OFFERED = "offered";
    public static final String ON_CALL = "on-call";
    public static final String WRAP_UP = "wrap-up";
    public static final String PAUSED = "paused";
}
