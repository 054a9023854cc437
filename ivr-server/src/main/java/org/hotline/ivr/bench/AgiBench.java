package org.hotline.ivr.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./ivr bench agi}: every concurrency level against every chosen server, one fresh server JVM
 * per run, then the idle-calls run; progress lines as it goes.
 */
public final class AgiBench {

    /** Files each process opens besides the calls' sockets: jars, epoll and event descriptors, logs. */
    private static final int SPARE_FILES = 500;
    private static final int WANTED_FILES = 65_536;

    private final BenchSettings settings;
    private final PrintWriter progress;

    public AgiBench(BenchSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public BenchReport run() throws IOException, InterruptedException {
        String files = checkOpenFiles();
        if (settings.launch().pinned()) {
            CpuPinning.pin(ProcessHandle.current().pid(), settings.launch().generatorCpus());
        }
        MachineInfo machine = MachineInfo.now();
        say("machine: %s, %d cores, load average %s; %s; %s", machine.cpu(), machine.cores(), machine.loadAverage(),
                files, settings.launch().describe());
        List<LevelResult> levels = runLevels();
        List<IdleResult> idle = settings.idleCalls() > 0 ? runIdle() : List.of();
        return new BenchReport(machine, MachineInfo.currentLoadAverage(), settings, levels, idle, List.of(files));
    }

    /** Every call is a socket on each side: make sure both processes may open that many. */
    private String checkOpenFiles() {
        String note = OpenFileLimit.ensure(Math.max(WANTED_FILES, settings.mostCalls() + SPARE_FILES));
        long limit = OpenFileLimit.current().orElse(Long.MAX_VALUE);
        if (settings.mostCalls() + SPARE_FILES > limit) {
            throw new IllegalArgumentException(String.format("%d concurrent calls need about %d open files in each"
                    + " process, but this process may open only %d and could not raise it (%s); run as root with"
                    + " CAP_SYS_RESOURCE, raise the hard limit (ulimit -Hn), or use at most %d calls",
                    settings.mostCalls(), settings.mostCalls() + SPARE_FILES, limit, note, limit - SPARE_FILES));
        }
        return note;
    }

    private List<LevelResult> runLevels() throws IOException, InterruptedException {
        List<LevelResult> levels = new ArrayList<>();
        LoadLevel load = new LoadLevel(settings);
        for (int calls : settings.levels()) {
            for (ServerKind server : settings.servers()) {
                say("%s: %d concurrent calls x %d commands ...", server.label(), calls, settings.commandsPerCall());
                LevelResult result;
                try {
                    result = load.run(server, calls);
                } catch (IOException e) {
                    result = LevelResult.brokeOff(server, calls, settings.commandsPerCall(), e.getMessage());
                }
                levels.add(result);
                say("  %.0f commands/s, %.0f server CPU µs/command (%.0f kernel, %.0f JIT), p50 %.2f ms, p99 %.2f ms, heap %s, RSS %s,"
                        + " warm-up %.0f s (JIT %d ms in window), calls ok: %s%s", result.latency().commandsPerSecond(),
                        result.latency().serverCpuMicrosPerCommand(), result.latency().serverKernelMicrosPerCommand(),
                        result.latency().serverJitMicrosPerCommand(),
                        result.latency().p50Micros() / 1000.0,
                        result.latency().p99Micros() / 1000.0, BenchTables.mb(result.memory().heapUsedAfterGcBytes()),
                        BenchTables.mb(result.memory().rssBytes()), result.warmup().seconds(),
                        result.warmup().jitMillisInWindow(), result.outcomes().allCompleted(),
                        failureNote(result.outcomes()));
            }
        }
        return levels;
    }

    private List<IdleResult> runIdle() throws IOException, InterruptedException {
        List<IdleResult> idle = new ArrayList<>();
        IdleCalls idleCalls = new IdleCalls(settings);
        for (ServerKind server : settings.servers()) {
            say("%s: %d idle calls held %d s ...", server.label(), settings.idleCalls(), settings.idleHold().toSeconds());
            IdleResult result;
            try {
                result = idleCalls.run(server, settings.idleCalls());
            } catch (IOException e) {
                result = IdleResult.brokeOff(server, settings.idleCalls(), settings.idleHold().toSeconds(), e.getMessage());
            }
            idle.add(result);
            say("  %d in progress at sample, heap %s, RSS %s, calls ok: %s%s", result.memory().callsInProgress(),
                    BenchTables.mb(result.memory().heapUsedAfterGcBytes()), BenchTables.mb(result.memory().rssBytes()),
                    result.outcomes().allCompleted(), failureNote(result.outcomes()));
        }
        return idle;
    }

    private static String failureNote(CallOutcomes outcomes) {
        return outcomes.firstFailure() == null ? "" : " (" + outcomes.firstFailure() + ")";
    }

    private void say(String format, Object... args) {
        progress.printf(format + "%n", args);
        progress.flush();
    }
}
