package org.hotline.ivr.seat;

import java.util.Optional;

/** The calls the distributor has given to seats, as the console shows them. */
public interface AssignedCalls {

    /** The call this seat holds now (offered, on call or in wrap-up), if any. */
    Optional<ScreenPop> current(String seatId);

    /** Any call by id; the console checks {@link ScreenPop#seatId()} before showing it. */
    Optional<ScreenPop> find(String callId);

    /** The seat the call was given to, without building its screen pop (for access checks). */
    Optional<String> seatOf(String callId);

    /** The caller's full number; only for the seat holding the call, and every access is logged. */
    Optional<String> callerNumber(String callId);
}
