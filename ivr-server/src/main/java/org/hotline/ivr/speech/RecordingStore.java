package org.hotline.ivr.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hotline.ivr.audio.WavRepair;
import org.hotline.ivr.ops.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where descriptions are recorded: {@code <dir>/<yyyy-MM-dd>/<callId>-<uuid>.wav} (UTC date), and the
 * retention sweep that deletes recordings older than the configured period.
 */
public final class RecordingStore {

    private static final Logger log = LoggerFactory.getLogger(RecordingStore.class);

    private final Path dir;
    private final Duration retention;
    private final Clock clock;

    public RecordingStore(Path dir, Duration retention, Clock clock) {
        this.dir = dir;
        this.retention = retention;
        this.clock = clock;
    }

    public Path directory() {
        return dir;
    }

    /** The file for a new recording (its day folder is created when it is written). */
    public Path newFile(String callId, UUID uuid) {
        String safeCall = callId.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString()).resolve(safeCall + "-" + uuid + ".wav");
    }

    /**
     * The recording a process that ended abruptly was writing at {@code expected} (or under the same name in another
     * day's folder, if the day turned before its first frame), made a valid WAV again; empty if none was written.
     */
    public Optional<Path> recoverOpen(Path expected) {
        Path found = expected;
        if (!Files.isRegularFile(found)) {
            try (Stream<Path> days = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
                found = days.map(day -> day.resolve(expected.getFileName())).filter(Files::isRegularFile).findFirst()
                        .orElse(null);
            } catch (IOException e) {
                log.warn("recordings in {} not searched for {}: {}", dir, expected.getFileName(), e.getMessage());
                found = null;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        try {
            WavRepair.Result result = WavRepair.repair(found);
            if (result == WavRepair.Result.REPAIRED) {
                log.info("recording {} left open by the last process: header fixed up to its last frame on disk", found);
            }
        } catch (IOException e) {
            log.error("recording {} left open by the last process could not be repaired: {}", found, e.getMessage());
        }
        return Optional.of(found);
    }

    /** Sweeps at start-up and then once a day on {@code timer}. */
    public void scheduleSweeps(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::sweep, 0, 1, TimeUnit.DAYS);
    }

    /** Deletes recordings last written before the retention period, and day folders left empty; returns the count. */
    public int sweep() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
            try (Stream<Path> days = Files.list(dir)) {
                for (Path day : days.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> left = Files.list(day)) {
                        if (left.findAny().isEmpty()) {
                            Files.deleteIfExists(day);
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Recording retention sweep of {} stopped: {}", dir, e.getMessage());
        }
        // Logged every time, so an operator can see the sweep ran and what the retention is.
        log.info("Recording retention sweep of {}: {} recordings older than {} deleted", dir, deleted,
                Durations.format(retention));
        return deleted;
    }
}
