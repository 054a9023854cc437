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
        assertThat(Durations.parse("1.5h")).isEmpty();
        assertThat(Durations.parse(null)).isEmpty();
    }
}
