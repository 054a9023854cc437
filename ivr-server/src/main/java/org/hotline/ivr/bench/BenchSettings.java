package org.hotline.ivr.bench;

import java.time.Duration;
import java.util.List;

/**
 * What to run: concurrency levels of looping calls with {@code commandsPerCall} commands each (a warm-up,
 * then a measured window), and optionally {@code idleCalls} held calls; each server in a JVM of its own. Calls are opened at most {@code rampPerSecond} a second, with at most
 * {@code settingUp} of them between connect and their first command. {@code launch}: each server JVM's heap,
 * cores and profile.
 */
public record BenchSettings(List<Integer> levels, int commandsPerCall, List<ServerKind> servers, Duration warmup,
                            Duration duration, int idleCalls, Duration idleHold, int rampPerSecond, int settingUp,
                            ServerLaunch launch, Duration drainTimeout) {

    /** The longest a level may take to open its calls; what did not open by then is reported as not opened. */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(120);

    public BenchSettings {
        levels = List.copyOf(levels);
        servers = List.copyOf(servers);
        if (commandsPerCall < 2) {
            throw new IllegalArgumentException("--commands must be at least 2 (ANSWER ... HANGUP), got " + commandsPerCall);
        }
        if (levels.stream().anyMatch(n -> n < 1) || idleCalls < 0) {
            throw new IllegalArgumentException("call counts must be positive: --calls " + levels + ", --idle " + idleCalls);
        }
        if (rampPerSecond < 1 || settingUp < 1) {
            throw new IllegalArgumentException("--ramp and --setting-up must be at least 1, got " + rampPerSecond
                    + " and " + settingUp);
        }
    }

    Duration openTimeout() {
        return OPEN_TIMEOUT;
    }

    /** The most calls any run holds at once: sockets needed on each side. */
    int mostCalls() {
        return Math.max(idleCalls, levels.stream().mapToInt(Integer::intValue).max().orElse(0));
    }
}
