package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.hotline.ivr.ops.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped dispatch deadlines (config/dispatch.yaml) and the holiday calendar they name. */
class DispatchDeadlinesTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DispatchDeadlines DEADLINES = OrderRules.load(OrderRulesTest.CONFIG).deadlines();

    private static String by(String localReceived, Urgency.Level level) {
        return by(localReceived, level, BEIJING);
    }

    private static String by(String localReceived, Urgency.Level level, ZoneId zone) {
        Instant at = LocalDateTime.parse(localReceived).atZone(zone).toInstant();
        return DEADLINES.format(at, level, zone);
    }

    @Test
    void anOrderAcceptedAt1659IsDispatchedTheSameDay() {
        assertThat(by("2026-12-02T16:59", Urgency.Level.NORMAL)).isEqualTo("2026-12-02T23:59+08:00");
    }

    @Test
    void anOrderAcceptedAt1701OrAtTheCutoffIsDispatchedBy10TheNextMorning() {
        assertThat(by("2026-12-02T17:01", Urgency.Level.NORMAL)).isEqualTo("2026-12-03T10:00+08:00");
        assertThat(by("2026-12-02T17:00", Urgency.Level.NORMAL)).isEqualTo("2026-12-03T10:00+08:00");
        assertThat(by("2026-12-02T23:59", Urgency.Level.NORMAL)).isEqualTo("2026-12-03T10:00+08:00");
    }

    @Test
    void anEmergencyIsDispatchedWithinThirtyMinutesAtAnyHour() {
        assertThat(by("2026-12-02T17:05", Urgency.Level.EMERGENCY)).isEqualTo("2026-12-02T17:35+08:00");
        assertThat(by("2026-12-02T03:10", Urgency.Level.EMERGENCY)).isEqualTo("2026-12-02T03:40+08:00");
    }

    @Test
    void aHighUrgencyOrderIsDispatchedWithinTwoHoursButNeverLaterThanTheUsualRule() {
        assertThat(by("2026-12-02T17:30", Urgency.Level.HIGH)).isEqualTo("2026-12-02T19:30+08:00");
        assertThat(by("2026-12-02T22:30", Urgency.Level.HIGH)).isEqualTo("2026-12-03T00:30+08:00");
        assertThat(by("2026-12-02T23:00", Urgency.Level.NORMAL)).as("normal at night waits for the morning")
                .isEqualTo("2026-12-03T10:00+08:00");
    }

    @Test
    void aNextDayDeadlineSkipsTheHolidaysOfTheFlowsCalendar() {
        // 2026-10-01..07 is National Day in call-flows/calendars/holidays.yaml.
        assertThat(by("2026-09-30T18:20", Urgency.Level.NORMAL)).isEqualTo("2026-10-08T10:00+08:00");
        assertThat(by("2026-10-03T09:00", Urgency.Level.NORMAL)).as("before the cutoff on a holiday: the same day")
                .isEqualTo("2026-10-03T23:59+08:00");
        assertThat(by("2026-09-30T18:20", Urgency.Level.EMERGENCY)).as("an emergency never waits for a holiday")
                .isEqualTo("2026-09-30T18:50+08:00");
    }

    @Test
    void theDeadlineIsInTheFlowsTimeZoneWithItsOffset() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(by("2026-12-02T17:05", Urgency.Level.NORMAL, berlin)).isEqualTo("2026-12-03T10:00+01:00");
    }

    @Test
    void badDeadlineSettingsAreReportedWithFileLineAndKey(@TempDir Path dir) throws IOException {
        OrderCommandTest.copyConfig(dir);
        Path dispatch = dir.resolve("dispatch.yaml");
        Files.writeString(dispatch, Files.readString(dispatch)
                .replace("cutoff: \"17:00\"", "cutoff: \"5pm\"")
                .replace("emergency: 30m", "emergency: soon")
                .replace("high: 2h", "urgent: 2h"));
        assertThatThrownBy(() -> OrderRules.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("deadlines.cutoff = '5pm': must be a local time HH:MM")
                .hasMessageContaining("deadlines.within.emergency = 'soon': must be a duration")
                .hasMessageContaining("deadlines.within.urgent = '2h': 'urgent' is not an urgency level");
    }
}
