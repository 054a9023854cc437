package org.hotline.ivr.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void everyUnitAPersonWritesAndNothingElse() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse(" 20 s ")).contains(Duration.ofSeconds(20));
        assertThat(Durations.parse("10m")).contains(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
        assertThat(Durations.parse("30d")).contains(Duration.ofDays(30));
        assertThat(Durations.parse("soon")).isEmpty();
        assertThat(Durations.parse("5")).as("a unit is required").isEmpty();
        assertThat(Durations.parse("1.5s")).as("end of turn is written so").contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("1.5h")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("0.0005s")).as("finer than a millisecond").isEmpty();
        assertThat(Durations.parse("1.5ms")).isEmpty();
        assertThat(Durations.parse(".5s")).isEmpty();
        assertThat(Durations.parse(null)).isEmpty();
    }

    @Test
    void aDurationIsShownTheWayAPersonWritesIt() {
        assertThat(Durations.format(Duration.ofMillis(700))).isEqualTo("700ms");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(Durations.format(Duration.ofDays(180))).isEqualTo("180d");
        assertThat(Durations.format(Duration.ofMillis(1234))).isEqualTo("1234ms");
        for (String text : new String[] {"700ms", "1.5s", "45s", "2h"}) {
            assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
        }
    }
}
