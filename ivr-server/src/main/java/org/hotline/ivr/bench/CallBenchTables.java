package org.hotline.ivr.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code ./ivr bench calls} as Markdown for BENCHMARKS.md: one row per level, then the node's capacity against the goal. */
public final class CallBenchTables {

    /** Beijing's peak on one node: 2,000 calls in progress, 100 of them describing. */
    static final int GOAL_CALLS = 2_000;
    static final int GOAL_DESCRIBING = 100;

    private CallBenchTables() {
    }

    public static String markdown(CallBenchSettings settings, List<CallLevelResult> levels) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Closed loop, one node in this JVM; warm-up %s, measured window %s per level;"
                        + " operator callers talk %s, describers %s; prompts %s; %d seats per call slot.%n%n",
                settings.warmup().toSeconds() + " s", settings.window().toSeconds() + " s", settings.talk().toSeconds() + " s",
                settings.describerTalk().toSeconds() + " s", settings.prompt().toMillis() + " ms", settings.seatsPerCall()));
        out.append("| calls | describing slots | on the line (mean) | describing (mean / peak) | AGI commands | command p50 ms"
                + " | command p99 ms | frames | frame p50 ms | frame p99 ms | node CPU s per call-minute | heap per call"
                + " | calls ended | failed | still on the line | drafts / described | load average start / end | within bounds |\n");
        out.append("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (CallLevelResult r : levels) {
            out.append(String.format(Locale.ROOT, "| %,d | %,d | %.0f | %.0f / %d | %,d | %.2f | %.2f | %,d | %.2f | %.2f"
                            + " | %.3f | %s | %,d | %,d | %,d | %,d / %,d | %s / %s | %s |%n",
                    r.calls(), r.describingSlots(), r.inProgressMean(), r.describingMean(), r.describingPeak(), r.commands(),
                    r.commandP50Micros() / 1000.0, r.commandP99Micros() / 1000.0, r.frames(), r.frameP50Micros() / 1000.0,
                    r.frameP99Micros() / 1000.0, r.cpuSecondsPerCallMinute(), CallBench.kb(r.heapBytesPerCall()), r.ended(),
                    r.failed(), r.stillInProgress(), r.drafts(), r.described(), r.loadAverageStart(), r.loadAverageEnd(),
                    r.withinBounds() ? "yes" : "NO"));
        }
        Optional<CallLevelResult> largest = levels.stream().filter(CallLevelResult::withinBounds)
                .max(java.util.Comparator.comparingInt(CallLevelResult::calls));
        out.append('\n').append(largest.map(r -> String.format(Locale.ROOT,
                "Largest level within bounds (command p99 <= 50 ms, frame p99 <= 100 ms, every call completed with its"
                        + " draft): %,d calls, %,d describing slots.", r.calls(), r.describingSlots()))
                .orElse("No level ran within bounds (command p99 <= 50 ms, frame p99 <= 100 ms, every call completed with"
                        + " its draft)."));
        boolean goal = largest.map(r -> r.calls() >= GOAL_CALLS && r.describingSlots() >= GOAL_DESCRIBING).orElse(false);
        out.append(String.format(Locale.ROOT, "%nGoal, %,d calls of which %,d describing on one node: %s.%n", GOAL_CALLS,
                GOAL_DESCRIBING, goal ? "met" : "NOT met"));
        for (CallLevelResult r : levels) {
            if (!r.firstFailure().isEmpty()) {
                out.append(String.format(Locale.ROOT, "%nFirst failure at %,d calls: %s%n", r.calls(), r.firstFailure()));
            }
        }
        return out.toString();
    }
}
