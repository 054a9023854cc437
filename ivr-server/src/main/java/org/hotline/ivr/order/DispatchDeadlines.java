package org.hotline.ivr.order;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hotline.ivr.ops.DateRanges;
import org.hotline.ivr.ops.Durations;

/**
 * When an order must be dispatched to its handling unit (派单时限), from the {@code deadlines} section of
 * {@code config/dispatch.yaml}: accepted before {@code cutoff} (local time of the flow's zone), by
 * {@code same-day} that day; at or after it, by {@code next-day} the next day, or the next day that is not
 * a holiday of {@code holidays} (a calendar file, relative to dispatch.yaml). An urgency level listed under
 * {@code within} must be dispatched within that time of its acceptance, never later than the usual rule.
 * Without the section: 17:00, 23:59 and 10:00, no holidays, no urgency limits.
 */
public final class DispatchDeadlines {

    /** How deadlines are shown and stored: ISO local time to the minute with the zone's offset. */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");

    private final LocalTime cutoff;
    private final LocalTime sameDay;
    private final LocalTime nextDay;
    private final Set<LocalDate> holidays;
    private final Map<Urgency.Level, Duration> within;

    DispatchDeadlines(LocalTime cutoff, LocalTime sameDay, LocalTime nextDay, Set<LocalDate> holidays,
                      Map<Urgency.Level, Duration> within) {
        this.cutoff = cutoff;
        this.sameDay = sameDay;
        this.nextDay = nextDay;
        this.holidays = Set.copyOf(holidays);
        this.within = Map.copyOf(within);
    }

    /** The deadline of an order accepted at {@code received} in {@code zone}, with urgency {@code level}. */
    public OffsetDateTime dispatchBy(Instant received, Urgency.Level level, ZoneId zone) {
        ZonedDateTime local = received.atZone(zone);
        ZonedDateTime usual = local.toLocalTime().isBefore(cutoff)
                ? local.toLocalDate().atTime(sameDay).atZone(zone)
                : firstWorkingDayAfter(local.toLocalDate()).atTime(nextDay).atZone(zone);
        ZonedDateTime deadline = Optional.ofNullable(within.get(level))
                .map(limit -> local.plus(limit))
                .filter(urgent -> urgent.isBefore(usual))
                .orElse(usual);
        return deadline.truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime();
    }

    /** {@link #dispatchBy} as stored on the order. */
    public String format(Instant received, Urgency.Level level, ZoneId zone) {
        return FORMAT.format(dispatchBy(received, level, zone));
    }

    private LocalDate firstWorkingDayAfter(LocalDate day) {
        LocalDate next = day.plusDays(1);
        for (int i = 0; i < 366 && holidays.contains(next); i++) {
            next = next.plusDays(1);
        }
        return next;
    }

    static DispatchDeadlines read(RuleFile file) {
        Optional<RuleFile.Entry> section = file.root().flatMap(root -> root.get("deadlines"));
        if (section.isEmpty()) {
            // The common 12345 rule (17:00 cutoff, 10:00 next day), without holidays or urgency limits.
            return new DispatchDeadlines(LocalTime.of(17, 0), LocalTime.of(23, 59), LocalTime.of(10, 0), Set.of(), Map.of());
        }
        RuleFile.Entry d = section.get();
        LocalTime cutoff = time(d, "cutoff", "17:00");
        LocalTime sameDay = time(d, "same-day", "23:59");
        LocalTime nextDay = time(d, "next-day", "10:00");
        Map<Urgency.Level, Duration> within = new EnumMap<>(Urgency.Level.class);
        d.get("within").ifPresent(w -> w.keys().forEach(name -> {
            RuleFile.Entry value = w.get(name).orElseThrow();
            try {
                within.put(Urgency.Level.parse(name), Durations.parse(value.text()).orElseThrow(
                        () -> new IllegalStateException("must be a duration: " + Durations.EXAMPLES)));
            } catch (IllegalArgumentException e) {
                value.problem("'" + name + "' is not an urgency level (normal, high, emergency)");
            } catch (IllegalStateException e) {
                value.problem(e.getMessage());
            }
        }));
        Set<LocalDate> holidays = d.get("holidays").map(h -> holidays(file, h)).orElse(Set.of());
        return new DispatchDeadlines(cutoff, sameDay, nextDay, holidays, within);
    }

    private static LocalTime time(RuleFile.Entry section, String name, String otherwise) {
        Optional<RuleFile.Entry> value = section.get(name);
        try {
            return LocalTime.parse(value.map(RuleFile.Entry::text).orElse(otherwise));
        } catch (DateTimeParseException e) {
            value.orElseThrow().problem("must be a local time HH:MM, e.g. " + otherwise);
            return LocalTime.parse(otherwise);
        }
    }

    /** The days of the calendar file {@code entry} names, relative to dispatch.yaml. */
    private static Set<LocalDate> holidays(RuleFile dispatch, RuleFile.Entry entry) {
        Path dir = dispatch.file().toAbsolutePath().getParent();
        Path calendar = dir.resolve(entry.text()).normalize();
        Set<LocalDate> days = new HashSet<>();
        RuleFile file = RuleFile.read(calendar, dispatch.problems());
        file.root().ifPresent(root -> root.get("holidays").ifPresentOrElse(
                list -> list.items().forEach(item -> {
                    try {
                        days.addAll(DateRanges.days(item.text()));
                    } catch (IllegalArgumentException e) {
                        item.problem(e.getMessage());
                    }
                }),
                () -> root.problem("needs a list 'holidays'")));
        return days;
    }
}
