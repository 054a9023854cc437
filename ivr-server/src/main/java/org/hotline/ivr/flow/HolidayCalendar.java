package org.hotline.ivr.flow;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Days the flow treats as holidays, from a YAML file of dates and ranges:
 * {@code holidays: [2026-01-01, 2026-02-15..2026-02-23]}.
 */
public record HolidayCalendar(Set<LocalDate> days) {

    public static final HolidayCalendar NONE = new HolidayCalendar(Set.of());

    public HolidayCalendar {
        days = Set.copyOf(days);
    }

    public boolean isHoliday(LocalDate date) {
        return days.contains(date);
    }

    static HolidayCalendar read(YamlSection file) {
        file.allowOnly(Set.of("holidays"), "a holiday calendar");
        Set<LocalDate> days = new TreeSet<>();
        List<Ref> entries = file.refs("holidays");
        for (Ref entry : entries) {
            String[] range = entry.name().split("\\.\\.");
            try {
                LocalDate from = LocalDate.parse(range[0].trim());
                LocalDate to = range.length == 2 ? LocalDate.parse(range[1].trim()) : from;
                if (range.length > 2 || to.isBefore(from)) {
                    file.problem(entry.pos(), "bad holiday range '" + entry.name() + "': use FROM..TO with FROM <= TO");
                    continue;
                }
                from.datesUntil(to.plusDays(1)).forEach(days::add);
            } catch (DateTimeParseException e) {
                file.problem(entry.pos(), "bad holiday '" + entry.name() + "': dates are YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD");
            }
        }
        return new HolidayCalendar(days);
    }
}
