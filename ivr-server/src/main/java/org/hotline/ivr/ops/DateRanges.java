package org.hotline.ivr.ops;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The one way a person writes a day or a run of days in configuration (holiday calendars):
 * {@code 2026-10-01} or {@code 2026-10-01..2026-10-07}, both ends included.
 */
public final class DateRanges {

    /** What to show a person who wrote something else. */
    public static final String EXAMPLES = "YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (FROM <= TO)";

    private DateRanges() {
    }

    /** Every day {@code text} names; throws {@link IllegalArgumentException} when it names none. */
    public static List<LocalDate> days(String text) {
        String[] range = text.trim().split("\\.\\.");
        try {
            LocalDate from = LocalDate.parse(range[0].trim());
            LocalDate to = range.length == 2 ? LocalDate.parse(range[1].trim()) : from;
            if (range.length > 2 || to.isBefore(from)) {
                throw new IllegalArgumentException("bad range '" + text + "': use " + EXAMPLES);
            }
            return from.datesUntil(to.plusDays(1)).toList();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad date '" + text + "': use " + EXAMPLES, e);
        }
    }
}
