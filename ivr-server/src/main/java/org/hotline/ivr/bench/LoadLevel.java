package org.hotline.ivr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;

/**
 * One server at one concurrency level, in a fresh JVM: open the calls, warm up (until the JIT settles), measure a window of
 * commands, then sample memory with the calls still in progress, and let every call run to its end.
 */
final class LoadLevel {

    /**
     * Warm-up extends until the JIT compiled at most this much in each of so many samples in a row, or by at most the
     * maximum. One quiet sample is not enough: the compile time counts a compilation when it finishes, and one C2
     * compilation of this server's read path took 1-2 s on a quiet machine (JFR), longer on a busy one; so the
     * compiler threads' CPU must be quiet too (at most 2% of a core).
     */
    private static final Duration JIT_SAMPLE = Duration.ofSeconds(2);
    private static final long JIT_SETTLED_MILLIS = 20;
    private static final long JIT_SETTLED_CPU_MILLIS = 40;
    private static final int JIT_SETTLED_SAMPLES = 3;
    private static final Duration MAX_EXTRA_WARMUP = Duration.ofSeconds(120);

    private final BenchSettings settings;

    LoadLevel(BenchSettings settings) {
        this.settings = settings;
    }

    LevelResult run(ServerKind kind, int calls) throws IOException, InterruptedException {
        int commands = settings.commandsPerCall();
        CallScenario scenario = CallScenario.of("load", CommandMix.LOAD_SCRIPT, "13800138000");
        try (BenchServerProcess server = BenchServerProcess.start(kind, commands, calls, settings.launch(),
                kind.label() + "-" + calls);
             SimClient client = new SimClient("127.0.0.1", server.port(), false)) {
            CallSlots slots = new CallSlots(client, scenario, calls, true);
            long started = System.nanoTime();
            slots.open(settings.rampPerSecond(), settings.settingUp(), settings.openTimeout());
            sleepUntil(started + settings.warmup().toNanos());
            if (!settings.warmup().isZero()) {
                awaitSteadyJit(server, started + settings.warmup().toNanos() + MAX_EXTRA_WARMUP.toNanos());
            }
            double warmupSeconds = since(started).toMillis() / 1000.0;
            server.request("window-start");
            long jitAtStart = compileMillis(server);
            sleepUntil(System.nanoTime() + settings.duration().toNanos());
            JsonNode window = server.request("window");
            long jitInWindow = compileMillis(server) - jitAtStart;
            slots.stop();
            MemorySample memory = MemorySample.of(server.request("memory"), server.status());
            boolean ended = slots.awaitEnd(settings.drainTimeout());
            JsonNode totals = server.request("totals");
            CallOutcomes outcomes = outcomes(slots, totals, slots.placed() * commands, ended);
            return new LevelResult(kind.label(), calls, commands, WindowSummary.of(window), memory, outcomes,
                    new Warmup(warmupSeconds, jitInWindow), server.log().toString());
        }
    }

    /**
     * Warm-up lasts until the server's JIT has settled as well: on a machine other work is slowing, the
     * warm-up time alone may end with the compiler still busy, and the window would measure compilation
     * and the interpreter rather than the server's code. Gives up at {@code deadline}. A warm-up of zero
     * asks for none, and gets none.
     */
    private static void awaitSteadyJit(BenchServerProcess server, long deadline) throws IOException, InterruptedException {
        JsonNode before = server.request("jit");
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(JIT_SAMPLE.toMillis());
            JsonNode now = server.request("jit");
            boolean settled = since(before, now, "compileMillis") <= JIT_SETTLED_MILLIS
                    && since(before, now, "compilerCpuMillis") <= JIT_SETTLED_CPU_MILLIS;
            quiet = settled ? quiet + 1 : 0;
            if (quiet == JIT_SETTLED_SAMPLES) {
                return;
            }
            before = now;
        }
    }

    private static long since(JsonNode before, JsonNode now, String field) {
        return now.path(field).asLong() - before.path(field).asLong();
    }

    private static long compileMillis(BenchServerProcess server) throws IOException {
        return server.request("jit").path("compileMillis").asLong();
    }

    static CallOutcomes outcomes(CallSlots slots, JsonNode totals, long expectedCommands, boolean ended) {
        String failure = slots.firstFailure();
        if (!ended) {
            failure = slots.unfinishedSlots() + " calls still in progress after the drain timeout"
                    + (failure == null ? "" : "; first failure: " + failure);
        }
        return new CallOutcomes(slots.placed(), slots.notOpened(), slots.completed(), slots.failed(),
                totals.path("callsOk").asLong(), totals.path("commands").asLong(), expectedCommands, failure);
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
