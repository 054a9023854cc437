package org.hotline.ivr.seat;

import java.time.Duration;

/** The seat's state as the call distributor keeps it; the console only asks and requests changes. */
public interface SeatStates {

    SeatStatus status(String seatId);

    /** A seat that logs in starts paused (reason "login") until the operator goes ready. */
    void logIn(String seatId);

    /**
     * Logs out now, or, with a call offered or in progress, once that call ends (the seat then takes no next call);
     * true if it leaves after the call. Logging in again before the call ends takes it back.
     */
    boolean logOutAfterCall(String seatId);

    /** From paused or wrap-up; refused (false) while the seat holds a call. */
    boolean ready(String seatId);

    /** From ready or wrap-up; refused (false) while the seat holds a call. */
    boolean pause(String seatId, String reason);

    /** Ends wrap-up once it has lasted {@code wrapUp}; true if the seat went ready by this call. */
    boolean endWrapUpIfDue(String seatId, Duration wrapUp);
}
