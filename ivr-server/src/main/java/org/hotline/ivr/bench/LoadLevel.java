package org.hotline.ivr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;

/**
 * One server at one concurrency level, in a fresh JVM: open the calls, warm up, measure a window of
 * commands, then sample memory with the calls still in progress, and let every call run to its end.
 */
final class LoadLevel {

    private final BenchSettings settings;

    LoadLevel(BenchSettings settings) {
        this.settings = settings;
    }

    LevelResult run(ServerKind kind, int calls) throws IOException, InterruptedException {
        int commands = settings.commandsPerCall();
        CallScenario scenario = CallScenario.of("load", CommandMix.LOAD_SCRIPT, "13800138000");
        try (BenchServerProcess server = BenchServerProcess.start(kind, commands, calls, settings.serverHeap());
             SimClient client = new SimClient("127.0.0.1", server.port(), false)) {
            CallSlots slots = new CallSlots(client, scenario, calls, true);
            long started = System.nanoTime();
            slots.open(settings.rampPerSecond(), settings.settingUp(), settings.openTimeout());
            sleepUntil(started + settings.warmup().toNanos());
            server.request("window-start");
            sleepUntil(System.nanoTime() + settings.duration().toNanos());
            JsonNode window = server.request("window");
            slots.stop();
            MemorySample memory = MemorySample.of(server.request("memory"), server.status());
            boolean ended = slots.awaitEnd(settings.drainTimeout());
            JsonNode totals = server.request("totals");
            CallOutcomes outcomes = outcomes(slots, totals, slots.placed() * commands, ended);
            return new LevelResult(kind.label(), calls, commands, WindowSummary.of(window), memory, outcomes,
                    server.log().toString());
        }
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
