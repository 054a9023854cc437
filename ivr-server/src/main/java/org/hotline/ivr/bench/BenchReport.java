package org.hotline.ivr.bench;

import java.util.List;
import java.util.Optional;

/** Everything one {@code ./ivr bench agi} run measured, with the machine and its load before and after. */
public record BenchReport(MachineInfo machine, String loadAverageAtEnd, BenchSettings settings,
                          List<LevelResult> levels, List<IdleResult> idle, List<String> notes) {

    public BenchReport {
        levels = List.copyOf(levels);
        idle = List.copyOf(idle);
        notes = List.copyOf(notes);
    }

    /** True if every call of every run ran its whole script and ended normally. */
    public boolean allCallsCompleted() {
        return levels.stream().allMatch(l -> l.outcomes().allCompleted())
                && idle.stream().allMatch(i -> i.outcomes().allCompleted());
    }

    /** This server's commands/s over asterisk-java's at {@code calls} concurrent calls, if both ran. */
    public Optional<Double> speedup(int calls) {
        Optional<LevelResult> netty = level(ServerKind.NETTY, calls);
        Optional<LevelResult> asteriskJava = level(ServerKind.ASTERISK_JAVA, calls);
        if (netty.isEmpty() || asteriskJava.isEmpty() || asteriskJava.get().latency().commandsPerSecond() <= 0) {
            return Optional.empty();
        }
        return Optional.of(netty.get().latency().commandsPerSecond() / asteriskJava.get().latency().commandsPerSecond());
    }

    /** {@code server}'s CPU per command over {@code base}'s at {@code calls} concurrent calls, if both ran. */
    public Optional<Double> cpuRatio(ServerKind server, ServerKind base, int calls) {
        Optional<LevelResult> a = level(server, calls);
        Optional<LevelResult> b = level(base, calls);
        if (a.isEmpty() || b.isEmpty() || b.get().latency().serverCpuMicrosPerCommand() <= 0) {
            return Optional.empty();
        }
        return Optional.of(a.get().latency().serverCpuMicrosPerCommand() / b.get().latency().serverCpuMicrosPerCommand());
    }

    /** As {@link #cpuRatio}, each side's JIT compiler threads left out: the two servers' steady states. */
    public Optional<Double> cpuRatioWithoutJit(ServerKind server, ServerKind base, int calls) {
        Optional<LevelResult> a = level(server, calls);
        Optional<LevelResult> b = level(base, calls);
        if (a.isEmpty() || b.isEmpty() || b.get().latency().serverCpuMicrosPerCommand() <= 0) {
            return Optional.empty();
        }
        WindowSummary x = a.get().latency();
        WindowSummary y = b.get().latency();
        double steadyBase = y.serverCpuMicrosPerCommand() - y.serverJitMicrosPerCommand();
        return steadyBase <= 0 ? Optional.empty()
                : Optional.of((x.serverCpuMicrosPerCommand() - x.serverJitMicrosPerCommand()) / steadyBase);
    }

    public Optional<LevelResult> level(ServerKind server, int calls) {
        return levels.stream().filter(l -> l.server().equals(server.label()) && l.calls() == calls).findFirst();
    }
}
