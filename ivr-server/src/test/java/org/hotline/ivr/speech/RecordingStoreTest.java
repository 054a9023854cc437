package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hotline.ivr.audio.LogCapture;
import org.hotline.ivr.ops.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingStoreTest {

    @TempDir
    Path temp;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void recordingsAreFiledByDayUnderTheirCallAndStream() {
        RecordingStore store = new RecordingStore(temp, Duration.ofDays(30), clock);
        UUID uuid = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(store.newFile("1732530000.42", uuid))
                .isEqualTo(temp.resolve("2026-11-25/1732530000.42-00000000-0000-0000-0000-000000000001.wav"));
        assertThat(store.newFile("../../etc/x", uuid).getParent()).isEqualTo(temp.resolve("2026-11-25"));
    }

    @Test
    void theSweepDeletesOnlyRecordingsOlderThanTheRetention() throws Exception {
        RecordingStore store = new RecordingStore(temp, Duration.ofDays(30), clock);
        Path old = Files.createDirectories(temp.resolve("2026-10-01")).resolve("a.wav");
        Path recent = Files.createDirectories(temp.resolve("2026-11-20")).resolve("b.wav");
        Files.writeString(old, "x");
        Files.writeString(recent, "y");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-10-01T10:00:00Z")));
        Files.setLastModifiedTime(recent, FileTime.from(Instant.parse("2026-11-20T10:00:00Z")));
        assertThat(store.sweep()).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(old.getParent()).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    void recordingsAreKept180DaysByDefaultAndEverySweepIsLogged() throws Exception {
        Duration retention = ConfigLoader.defaultsOnly().audio().retention();
        assertThat(retention).isEqualTo(Duration.ofDays(180));
        RecordingStore store = new RecordingStore(temp, retention, clock);
        Path kept = Files.createDirectories(temp.resolve("2026-06-01")).resolve("c.wav");
        Files.writeString(kept, "z");
        Files.setLastModifiedTime(kept, FileTime.from(Instant.parse("2026-06-01T10:00:00Z")));
        try (LogCapture log = new LogCapture(RecordingStore.class)) {
            assertThat(store.sweep()).isZero();
            assertThat(log.lines()).containsExactly("Recording retention sweep of " + temp
                    + ": 0 recordings older than 180d deleted");
        }
        assertThat(kept).exists();
    }

    @Test
    void theSweepRunsAtStartAndThenDaily() {
        java.util.List<Long> delays = new java.util.ArrayList<>();
        var timer = new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
            @Override
            public java.util.concurrent.ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initial, long delay,
                                                                                 java.util.concurrent.TimeUnit unit) {
                delays.add(unit.toHours(initial));
                delays.add(unit.toHours(delay));
                return null;
            }
        };
        new RecordingStore(temp, Duration.ofDays(180), clock).scheduleSweeps(timer);
        timer.shutdown();
        assertThat(delays).containsExactly(0L, 24L);
    }
}
