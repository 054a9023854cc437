package org.hotline.ivr.bench;

import java.util.Locale;

/** The report as Markdown tables, ready for BENCHMARKS.md. */
public final class BenchTables {

    /** The concurrency at which the 10x throughput goal is judged. */
    static final int GOAL_CALLS = 2_000;
    static final double GOAL_SPEEDUP = 10.0;

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
                            + " level; server heap -Xmx%s.%n%n", s.commandsPerCall(), s.warmup().toSeconds(),
                    s.duration().toSeconds(), s.serverHeap()));
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
        md.append("| concurrent calls | server | commands/s | server CPU µs/command | p50 ms | p99 ms | p99.9 ms"
                + " | heap after GC | RSS | peak RSS | threads | calls placed | all completed |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LevelResult l : report.levels()) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %,.0f | %,.0f | %.2f | %.2f | %.2f | %s | %s | %s | %,d | %,d | %s |%n",
                    l.calls(), l.server(), l.latency().commandsPerSecond(), l.latency().serverCpuMicrosPerCommand(),
                    ms(l.latency().p50Micros()),
                    ms(l.latency().p99Micros()), ms(l.latency().p999Micros()), mb(l.memory().heapUsedAfterGcBytes()),
                    mb(l.memory().rssBytes()), mb(l.memory().peakRssBytes()), l.memory().threads(),
                    l.outcomes().placed(), yesNo(l.outcomes())));
        }
        md.append('\n');
    }

    private static void speedups(StringBuilder md, BenchReport report) {
        boolean header = false;
        for (int calls : report.settings().levels()) {
            var speedup = report.speedup(calls);
            if (speedup.isEmpty()) {
                continue;
            }
            if (!header) {
                md.append("| concurrent calls | netty / asterisk-java commands/s |\n|---:|---:|\n");
                header = true;
            }
            md.append(String.format(Locale.ROOT, "| %,d | %.1fx |%n", calls, speedup.get()));
        }
        if (header) {
            md.append('\n');
        }
        report.speedup(GOAL_CALLS).ifPresent(x -> md.append(String.format(Locale.ROOT,
                "Goal, at least %.0fx asterisk-java's throughput at %,d concurrent calls: %s (%.1fx).%n%n",
                GOAL_SPEEDUP, GOAL_CALLS, x >= GOAL_SPEEDUP ? "met" : "NOT met", x)));
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
                        i.calls(), report.settings().serverHeap(),
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
