package org.hotline.ivr.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code ./ivr bench calls} runs: for each level, {@code calls} citizens on the line at once, {@code describing}
 * of them callers who describe a problem (the rest ask for an operator and talk longer), on a fresh node with
 * {@code seatsPerCall} x calls seats; a warm-up, then a measured window.
 *
 * @param talk        how long a seat talks with a caller who asked for an operator; describers talk {@code describerTalk}
 * @param prompt      how long each prompt plays when no key interrupts it
 * @param rampPerSecond new calls a second while a level opens
 * @param home        the repository root (flows, seats, queues, order rules); {@code samples}: the speech samples
 */
public record CallBenchSettings(List<Integer> levels, int describing, Duration warmup, Duration window, Duration talk,
                                Duration describerTalk, Duration prompt, int seatsPerCall, int rampPerSecond,
                                Path home, Path samples, Duration drainTimeout) {

    public CallBenchSettings {
        levels = List.copyOf(levels);
        if (levels.isEmpty() || levels.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--calls needs positive levels, got " + levels);
        }
        if (describing < 0 || levels.stream().anyMatch(n -> n < describing)) {
            throw new IllegalArgumentException("--describing " + describing + " must be between 0 and each level of --calls "
                    + levels);
        }
        if (seatsPerCall < 1 || rampPerSecond < 1) {
            throw new IllegalArgumentException("--seats-per-call and --ramp must be at least 1");
        }
    }
}
