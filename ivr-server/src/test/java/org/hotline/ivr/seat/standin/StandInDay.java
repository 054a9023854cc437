package org.hotline.ivr.seat.standin;

import java.time.Clock;
import java.time.LocalDate;

/** Today's counters (answered, abandoned, drafted, submitted) live under one key per day. */
final class StandInDay {

    private StandInDay() {
    }

    static String key(Clock clock) {
        return StandInQueue.PREFIX + "day:" + LocalDate.now(clock);
    }

    static String categories(Clock clock) {
        return key(clock) + ":categories";
    }
}
