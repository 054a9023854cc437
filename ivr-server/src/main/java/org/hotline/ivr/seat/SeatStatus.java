package org.hotline.ivr.seat;

import java.time.Instant;

/**
 * Where a seat is: {@code logged-out}, {@code ready}, {@code offered}, {@code on-call}, {@code wrap-up} or
 * {@code paused} (with a reason), since when, and the call it holds, if any; when its wrap-up ends (null unless in
 * wrap-up) and whether it logs out once its call ends.
 */
public record SeatStatus(String seatId, String state, Instant since, String reason, String callId,
                         Instant wrapUpEnds, boolean leaving) {

    public SeatStatus(String seatId, String state, Instant since, String reason, String callId) {
        this(seatId, state, since, reason, callId, null, false);
    }

    public static final String LOGGED_OUT = "logged-out";
    public static final String READY = "ready";
    public static final String OFFERED = "offered";
    public static final String ON_CALL = "on-call";
    public static final String WRAP_UP = "wrap-up";
    public static final String PAUSED = "paused";
    /**
     * The pause reason of a seat that stopped its wrap-up to finish the order (it was still typing): the pop stays,
     * the next call waits until the operator goes ready.
     */
    public static final String AFTER_CALL = "aftercall";

    /** Paused to finish the last call's order. */
    public boolean afterCall() {
        return PAUSED.equals(state) && AFTER_CALL.equals(reason);
    }
}
