package org.hotline.ivr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;

/**
 * Many calls held at once, each waiting on a command the simulator answers only after the hold time
 * (as a caller on hold or listening to a long prompt): how much memory the server needs per waiting call.
 */
final class IdleCalls {

    private final BenchSettings settings;

    IdleCalls(BenchSettings settings) {
        this.settings = settings;
    }

    IdleResult run(ServerKind kind, int calls) throws IOException, InterruptedException {
        CallScenario scenario = CallScenario.of("idle", CommandMix.IDLE_SCRIPT, "13800138000")
                .promptDuration(settings.idleHold());
        try (BenchServerProcess server = BenchServerProcess.start(kind, 2, calls, settings.launch(),
                kind.label() + "-idle-" + calls);
             SimClient client = new SimClient("127.0.0.1", server.port(), false)) {
            CallSlots slots = new CallSlots(client, scenario, calls, false);
            long started = System.nanoTime();
            slots.open(settings.rampPerSecond(), settings.settingUp(), settings.openTimeout());
            // Sample before the first calls' hold runs out, whether or not all calls got through.
            long latest = started + settings.idleHold().toNanos() * 3 / 4;
            while (server.request("status").path("inProgress").asInt() < calls && System.nanoTime() < latest
                    && slots.failed() == 0) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            double secondsToHold = LoadLevel.since(started).toMillis() / 1000.0;
            MemorySample memory = MemorySample.of(server.request("memory"), server.status());
            boolean ended = slots.awaitEnd(settings.idleHold().plus(settings.drainTimeout()));
            JsonNode totals = server.request("totals");
            CallOutcomes outcomes = LoadLevel.outcomes(slots, totals, 0, ended);
            return new IdleResult(kind.label(), calls, settings.idleHold().toSeconds(), secondsToHold, memory,
                    outcomes, server.log().toString());
        }
    }
}
