package org.hotline.ivr.followup.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final QuietHours NIGHT = QuietHours.parse("21:00-08:00");

    private static Instant local(String dateTime) {
        return ZonedDateTime.parse(dateTime + "+08:00[Asia/Shanghai]").toInstant();
    }

    @Test
    void aSurveyDueInTheDayIsPlacedThen() {
        assertThat(NIGHT.nextAllowed(local("2026-11-25T14:30:00"), SHANGHAI)).isEqualTo(local("2026-11-25T14:30:00"));
        assertThat(NIGHT.nextAllowed(local("2026-11-25T08:00:00"), SHANGHAI)).isEqualTo(local("2026-11-25T08:00:00"));
    }

    @Test
    void aSurveyDueAtNightWaitsForTheMorning() {
        assertThat(NIGHT.nextAllowed(local("2026-11-25T21:00:00"), SHANGHAI)).isEqualTo(local("2026-11-26T08:00:00"));
        assertThat(NIGHT.nextAllowed(local("2026-11-25T23:59:00"), SHANGHAI)).isEqualTo(local("2026-11-26T08:00:00"));
        assertThat(NIGHT.nextAllowed(local("2026-11-26T03:10:00"), SHANGHAI)).isEqualTo(local("2026-11-26T08:00:00"));
    }

    @Test
    void quietHoursWithinOneDayAndNoneAtAll() {
        QuietHours lunch = QuietHours.parse("12:00-13:30");
        assertThat(lunch.nextAllowed(local("2026-11-25T12:15:00"), SHANGHAI)).isEqualTo(local("2026-11-25T13:30:00"));
        assertThat(lunch.nextAllowed(local("2026-11-25T22:00:00"), SHANGHAI)).isEqualTo(local("2026-11-25T22:00:00"));
        assertThat(QuietHours.parse("").nextAllowed(local("2026-11-25T03:00:00"), SHANGHAI))
                .isEqualTo(local("2026-11-25T03:00:00"));
    }

    @Test
    void aMalformedRangeIsRefused() {
        assertThatThrownBy(() -> QuietHours.parse("21:00")).hasMessageContaining("HH:mm-HH:mm").hasMessageContaining("21:00");
    }
}
