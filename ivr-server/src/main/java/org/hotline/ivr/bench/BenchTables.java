package org.hotline.ivr.bench;

import java.util.Locale;

/** The report as Markdown tables, ready for BENCHMARKS.md. */
public final class BenchTables {

    /** The concurrency at which the CPU goal is judged: at most 0.4x asterisk-java's CPU per command. */
    static final int GOAL_CALLS = 2_000;
    static final double GOAL_CPU_RATIO = 0.4;

    private BenchTables() {
    }

    public static String markdown(BenchReport report) {
        StringBuilder md = new StringBuilder();
        MachineInfo m = report.machine();
        md.append(String.format(Locale.ROOT, "Machine: %s, %d cores, %s RAM, %s, %s; load average %s at start,"
                        + " %s at end.%n%n", m.cpu(), m.cores(), mb(m.memoryBytes()), m.os(), m.jvm(), m.loadAverage(),
                report.loadAverageAtEnd()));
        BenchSettings s = report.settings();
        if (!report.levels().isEmpty()) {
            md.append(String.format(Locale.ROOT, "Each call: %d commands; warm-up %d s, measured window %d s per"
                            + " level; server heap -Xmx%s; %s.%n%n", s.commandsPerCall(), s.warmup().toSeconds(),
                    s.duration().toSeconds(), s.launch().heap(), s.launch().describe()));
            levels(md, report);
            speedups(md, report);
        }
        if (!report.idle().isEmpty()) {
            idle(md, report);
        }
        md.append(String.format("All calls completed: %s%n", report.allCallsCompleted()));
        return md.toString();
    }

    private static void levels(StringBuilder md, BenchReport report) {
        md.append("| concurrent calls | server | commands/s | server CPU µs/command | of which kernel | of which JIT | p50 ms | p99 ms | p99.9 ms"
                + " | heap after GC | RSS | peak RSS | threads | calls placed | warm-up s / JIT ms in window | all completed |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LevelResult l : report.levels()) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.2f | %s | %s | %s | %,d | %,d | %.0f / %,d | %s |%n",
                    l.calls(), l.server(), l.latency().commandsPerSecond(), l.latency().serverCpuMicrosPerCommand(),
                    l.latency().serverKernelMicrosPerCommand(), l.latency().serverJitMicrosPerCommand(),
                    ms(l.latency().p50Micros()),
                    ms(l.latency().p99Micros()), ms(l.latency().p999Micros()), mb(l.memory().heapUsedAfterGcBytes()),
                    mb(l.memory().rssBytes()), mb(l.memory().peakRssBytes()), l.memory().threads(),
                    l.outcomes().placed(), l.warmup().seconds(), l.warmup().jitMillisInWindow(), yesNo(l.outcomes())));
        }
        md.append('\n');
    }

    private static void speedups(StringBuilder md, BenchReport report) {
        boolean header = false;
        for (int calls : report.settings().levels()) {
            var speedup = report.speedup(calls);
            var cpu = report.cpuRatio(ServerKind.NETTY, ServerKind.ASTERISK_JAVA, calls);
            var steady = report.cpuRatioWithoutJit(ServerKind.NETTY, ServerKind.ASTERISK_JAVA, calls);
            var floor = report.cpuRatio(ServerKind.NETTY, ServerKind.FLOOR, calls);
            var javaFloor = report.cpuRatio(ServerKind.ASTERISK_JAVA, ServerKind.FLOOR, calls);
            if (speedup.isEmpty() && floor.isEmpty() && javaFloor.isEmpty()) {
                continue;
            }
            if (!header) {
                md.append("| concurrent calls | netty / asterisk-java commands/s | netty / asterisk-java CPU per command"
                        + " | the same, JIT left out | netty / floor CPU per command | asterisk-java / floor CPU per command |\n"
                        + "|---:|---:|---:|---:|---:|---:|\n");
                header = true;
            }
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s |%n", calls, times(speedup), times(cpu),
                    times(steady), times(floor), times(javaFloor)));
        }
        if (header) {
            md.append('\n');
        }
        report.cpuRatio(ServerKind.NETTY, ServerKind.ASTERISK_JAVA, GOAL_CALLS).ifPresent(x -> {
            LevelResult netty = report.level(ServerKind.NETTY, GOAL_CALLS).orElseThrow();
            LevelResult java = report.level(ServerKind.ASTERISK_JAVA, GOAL_CALLS).orElseThrow();
            boolean p99 = netty.latency().p99Micros() <= java.latency().p99Micros();
            boolean complete = netty.outcomes().allCompleted();
            md.append(String.format(Locale.ROOT, "Goal at %,d concurrent calls, at most %.1fx asterisk-java's CPU per"
                            + " command with p99 no worse and every call complete: %s (%.2fx, p99 %.2f vs %.2f ms,"
                            + " all completed: %s).%n%n", GOAL_CALLS, GOAL_CPU_RATIO,
                    x <= GOAL_CPU_RATIO && p99 && complete ? "met" : "NOT met", x, ms(netty.latency().p99Micros()),
                    ms(java.latency().p99Micros()), complete ? "yes" : "no"));
        });
    }

    private static String times(java.util.Optional<Double> ratio) {
        return ratio.map(x -> String.format(Locale.ROOT, "%.2fx", x)).orElse("-");
    }

    private static void idle(StringBuilder md, BenchReport report) {
        md.append("| server | idle calls | in progress at sample | seconds to hold all | heap after GC | heap per call"
                + " | heap max | RSS | RSS per call | threads | all completed |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (IdleResult i : report.idle()) {
            MemorySample m = i.memory();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %s | %s | %s | %s | %s | %,d | %s |%n",
                    i.server(), i.calls(), m.callsInProgress(), i.secondsToHoldAll(), mb(m.heapUsedAfterGcBytes()),
                    perCall(m.heapUsedAfterGcBytes(), m.callsInProgress()), mb(m.heapMaxBytes()), mb(m.rssBytes()),
                    perCall(m.rssBytes(), m.callsInProgress()), m.threads(), yesNo(i.outcomes())));
        }
        md.append('\n');
        report.idle().stream().filter(i -> i.server().equals(ServerKind.NETTY.label())).findFirst().ifPresent(i ->
                md.append(String.format(Locale.ROOT, "Goal, %,d idle calls held within the %s heap: %s (%,d held, %s after GC).%n%n",
                        i.calls(), report.settings().launch().heap(),
                        i.memory().callsInProgress() == i.calls() && i.outcomes().allCompleted() ? "met" : "NOT met",
                        i.memory().callsInProgress(), mb(i.memory().heapUsedAfterGcBytes()))));
    }

    private static String yesNo(CallOutcomes outcomes) {
        if (outcomes.allCompleted()) {
            return "yes";
        }
        return "NO: " + outcomes.completed() + " ok, " + outcomes.failed() + " failed"
                + (outcomes.firstFailure() == null ? "" : " (" + outcomes.firstFailure().replace('|', '/') + ")");
    }

    /** Bytes per call, an upper bound: the JVM's own baseline is counted in. */
    private static String perCall(long bytes, int calls) {
        return calls == 0 ? "-" : String.format(Locale.ROOT, "%,.1f KB", bytes / 1024.0 / calls);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1024.0 / 1024.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
