package org.hotline.ivr.followup.survey;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Local times no survey call is placed in, e.g. 21:00-08:00 (wrapping midnight). {@link #NONE} allows any time.
 * {@code from} equal to {@code to} means none.
 */
public record QuietHours(LocalTime from, LocalTime to) {

    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    /** {@code "HH:mm-HH:mm"}, or blank for none. */
    public static QuietHours parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours must be HH:mm-HH:mm, got '" + text + "'");
        }
        return new QuietHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
    }

    /** {@code at}, or the end of the quiet hours {@code at} falls in. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        if (from.equals(to)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = from.isAfter(to);
        boolean quiet = wraps ? !time.isBefore(from) || time.isBefore(to) : !time.isBefore(from) && time.isBefore(to);
        if (!quiet) {
            return at;
        }
        ZonedDateTime end = local.with(to);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
