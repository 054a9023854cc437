package org.hotline.ivr.seat;

import java.util.List;
import java.util.Optional;

/** The calls the distributor has given to seats, as the console shows them. */
public interface AssignedCalls {

    /** The call this seat holds now (offered, on call, in wrap-up or paused after it to finish), if any. */
    Optional<ScreenPop> current(String seatId);

    /** Any call by id; the console checks {@link ScreenPop#seatId()} before showing it. */
    Optional<ScreenPop> find(String callId);

    /** The seat the call was given to, without building its screen pop (for access checks). */
    Optional<String> seatOf(String callId);

    /** The calls given to this seat in the last day, newest first (its open drafts are among their orders). */
    List<String> recentCalls(String seatId, int limit);

    /** When the call was given to its seat (the seat's claim), if it was. */
    default Optional<java.time.Instant> assignedAt(String callId) {
        return find(callId).map(ScreenPop::assignedAt);
    }

    /** The call's order id, if it has one, without building its screen pop. */
    default Optional<String> orderOf(String callId) {
        return find(callId).map(ScreenPop::orderId);
    }

    /** The caller's full number; only for the seat holding the call, and every access is logged. */
    Optional<String> callerNumber(String callId);
}
