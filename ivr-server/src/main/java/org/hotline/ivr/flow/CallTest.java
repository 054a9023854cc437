package org.hotline.ivr.flow;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One test of a condition case; a case holds when all its tests do. */
public sealed interface CallTest {

    /** Local time of day within any of the windows; a window may cross midnight ({@code 22:00-06:00}). */
    record TimeOfDay(List<TimeWindow> windows) implements CallTest {
    }

    record Weekday(Set<DayOfWeek> days) implements CallTest {
    }

    /** Today is (or is not) a day in the flow's holiday calendar. */
    record Holiday(boolean expected) implements CallTest {
    }

    /** The caller id matches one of the patterns (whole-number match). */
    record CallerId(List<Pattern> patterns) implements CallTest {
    }

    /** The queue has more than {@code waitingOver} calls waiting, or its expected wait exceeds {@code waitOver}. */
    record QueueLoad(String queue, Integer waitingOver, Duration waitOver) implements CallTest {
    }

    record Variable(String name, String value) implements CallTest {
    }

    record CallLanguage(Set<String> languages) implements CallTest {
    }

    record TimeWindow(LocalTime from, LocalTime to) {
        public boolean contains(LocalTime time) {
            if (from.isBefore(to)) {
                return !time.isBefore(from) && time.isBefore(to);
            }
            return !time.isBefore(from) || time.isBefore(to);
        }
    }
}
