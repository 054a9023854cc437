package org.hotline.ivr.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.hotline.ivr.flow.FlowProblem;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.flow.PromptAudioBuilder;
import org.hotline.ivr.flow.PromptCatalog;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.testcall.TestCall;

/**
 * What tests of the 12345 flow through Asterisk share: the flow's prompts built into Asterisk's sounds
 * folder as {@code ./ivr prompts build} does, seats made ready through the distributor, and the draft
 * order and queue figures the server keeps in Redis.
 */
final class Hotline {

    private Hotline() {
    }

    /** {@code ./ivr prompts build --out RUN/lib/sounds} with beeps (0.6 s each: short calls). */
    static void installPrompts(AsteriskRig rig) throws IOException, InterruptedException {
        installPrompts(rig, Optional.empty());
    }

    /** As {@code ./ivr prompts build} does it: espeak-ng speech where installed (prompts of a few seconds). */
    static void installSpokenPrompts(AsteriskRig rig) throws IOException, InterruptedException {
        installPrompts(rig, PromptAudioBuilder.findEspeak());
    }

    private static void installPrompts(AsteriskRig rig, Optional<String> espeak) throws IOException, InterruptedException {
        var problems = new ArrayList<FlowProblem>();
        PromptCatalog catalog = PromptCatalog.load(SharedAsterisk.repositoryRoot().resolve("call-flows/prompts"), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("prompt catalog: " + problems);
        }
        new PromptAudioBuilder(catalog, SharedAsterisk.repositoryRoot().resolve("call-flows/sounds"), espeak)
                .build(rig.asterisk().soundsDir());
    }

    static Path sample(String name) {
        return SharedAsterisk.locate().orElseThrow().resolveSibling("speech-samples").resolve(name + ".wav");
    }

    static void seatReady(AsteriskRig rig, String seatId) {
        var distributor = rig.server().queues().distributor();
        distributor.login(seatId).toCompletableFuture().join();
        distributor.ready(seatId).toCompletableFuture().join();
    }

    /** Makes one simulated seat phone ring without ever answering (global RING_<seat> in test-seat), or not. */
    static void seatPhoneNeverAnswers(AsteriskRig rig, String seat, boolean never) throws Exception {
        ManagerResponse response = rig.ami().connection().sendAction(new SetVarAction("RING_" + seat, never ? "never" : ""));
        if (!"Success".equalsIgnoreCase(response.getResponse())) {
            throw new IllegalStateException("Setvar RING_" + seat + ": " + response.getMessage());
        }
    }

    static void logOutAllSeats(AsteriskRig rig) {
        var distributor = rig.server().queues().distributor();
        for (var seat : distributor.setup().seats()) {
            try {
                distributor.logout(seat.id()).toCompletableFuture().join();
            } catch (RuntimeException notLoggedIn) {
                // a seat this test never logged in
            }
        }
    }

    static QueueStats stats(AsteriskRig rig) {
        return rig.server().queues().stats().refresh();
    }

    /** Waits until the seat is on this call (reported by the queue-answered script when the phone picks up). */
    static void awaitSeatOnCall(AsteriskRig rig, String seatId, String callId) throws InterruptedException {
        await(Duration.ofSeconds(60), "seat " + seatId + " on call " + callId, () -> stats(rig).seat(seatId)
                .filter(seat -> callId.equals(seat.callId()) && seat.state().contains("call")).isPresent(),
                () -> String.valueOf(stats(rig).seat(seatId)));
    }

    static void awaitSeatState(AsteriskRig rig, String seatId, String state) throws InterruptedException {
        await(Duration.ofSeconds(30), "seat " + seatId + " " + state, () -> stats(rig).seat(seatId)
                .filter(seat -> seat.state().equals(state)).isPresent(), () -> String.valueOf(stats(rig).seat(seatId)));
    }

    /** The journal entry of the flow node {@code node} on this call. */
    static Map<String, String> step(AsteriskRig rig, String callId, String node) {
        List<Map<String, String>> steps = new JourneyStore(rig.server().redis(), rig.server().config().calls().journeyTtl()).read(callId).steps();
        return steps.stream().filter(step -> node.equals(step.get("node"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + node + " in " + steps));
    }

    /** Whether the journal has an entry for the flow node {@code node} on this call yet. */
    static boolean hasStep(AsteriskRig rig, String callId, String node) {
        return callId != null && new JourneyStore(rig.server().redis(), rig.server().config().calls().journeyTtl())
                .read(callId).steps().stream().anyMatch(step -> node.equals(step.get("node")));
    }

    static long abandoned(AsteriskRig rig, String queue) {
        return stats(rig).queue(queue).orElseThrow().abandoned();
    }

    /** No AGI session and nobody waiting in any queue, within {@code limit} of {@code sinceNanos}. */
    static void awaitGone(AsteriskRig rig, long sinceNanos, Duration limit) throws InterruptedException {
        java.util.function.BooleanSupplier gone = () -> rig.server().agiMetrics().activeCalls() == 0
                && stats(rig).queues().stream().allMatch(queue -> queue.waiting() == 0);
        while (!gone.getAsBoolean()) {
            if (System.nanoTime() - sinceNanos > limit.toNanos()) {
                throw new AssertionError("the server still holds the call " + limit.toMillis() + " ms after the hangup: "
                        + rig.server().agiMetrics().activeCalls() + " AGI session(s), queues " + stats(rig).queues());
            }
            Thread.sleep(10);
        }
    }

    static void awaitOutcome(AsteriskRig rig, String callId, String outcome) throws InterruptedException {
        await(Duration.ofSeconds(5), "journal outcome " + outcome,
                () -> outcome.equals(DemoCallThroughAsteriskTest.journal(rig, callId).get("outcome")),
                () -> String.valueOf(DemoCallThroughAsteriskTest.journal(rig, callId)));
    }

    /** Waits until the IVR has sent a command starting with {@code prefix} (as AMI reports it). */
    static void awaitCommand(TestCall call, String prefix) throws InterruptedException {
        await(Duration.ofSeconds(60), "the IVR sends " + prefix,
                () -> call.agiCommandsSoFar().stream().anyMatch(command -> command.startsWith(prefix)),
                () -> String.valueOf(call.agiCommandsSoFar()));
    }

    static void later(Duration delay, Runnable action) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(action);
    }

    static DraftOrder draftOrder(AsteriskRig rig, String callId) {
        String orderId = DemoCallThroughAsteriskTest.journal(rig, callId).get("orderId");
        if (orderId == null) {
            throw new AssertionError("no order id in the journal of " + callId + ": "
                    + DemoCallThroughAsteriskTest.journal(rig, callId));
        }
        return rig.server().orders().store().get(orderId).orElseThrow(() -> new AssertionError("no order " + orderId));
    }

    static void await(Duration limit, String what, java.util.function.BooleanSupplier condition,
                      java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what + "; now " + state.get());
            }
            Thread.sleep(50);
        }
    }
}
