package org.hotline.ivr.flow;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hotline.ivr.ops.DateRanges;

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
            try {
                days.addAll(DateRanges.days(entry.name()));
            } catch (IllegalArgumentException e) {
                file.problem(entry.pos(), "holiday: " + e.getMessage());
            }
        }
        return new HolidayCalendar(days);
    }
}
