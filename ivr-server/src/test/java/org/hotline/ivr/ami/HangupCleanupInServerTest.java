package org.hotline.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queued call whose AGI socket stays open after Asterisk hung the channel up (the simulated Asterisk keeps
 * answering hold music) is cleaned up from AMI's Hangup event in the running server: out of the queue and counted
 * as abandoned, its journey closed.
 */
class HangupCleanupInServerTest {

    private static final String HOLD_FLOW = """
            flow: hold-test
            languages: [zh]
            default-language: zh
            start: wait
            nodes:
              wait:
                enqueue:
                  queue: zh-general
                  priority: 5
                  announce: queue-hold
            on-error: wait
            """;

    /** Straight into the queue, no announcement: the seat is rung at once. */
    private static final String SEAT_FLOW = """
            flow: seat-test
            languages: [zh]
            default-language: zh
            start: wait
            nodes:
              wait:
                enqueue:
                  queue: zh-general
                  priority: 5
            on-error: wait
            """;

    @TempDir
    Path data;
    private ServerWithAmiPeer node;
    private SimClient asterisk;

    @BeforeEach
    void start() throws Exception {
        node = ServerWithAmiPeer.start(data, Map.of(), Map.of("hold-test.yaml", HOLD_FLOW, "seat-test.yaml", SEAT_FLOW));
        asterisk = new SimClient("127.0.0.1", node.server.agiPort(), true);
    }

    @AfterEach
    void stop() throws Exception {
        if (asterisk != null) {
            asterisk.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private String queuedCall(CompletableFuture<CallRecord> call) {
        Eventually.until("call waiting in zh-general", Duration.ofSeconds(30),
                () -> node.queueStats("zh-general").path("waiting").asInt() == 1);
        assertThat(call).isNotDone();
        assertThat(node.server.liveCalls().ids()).hasSize(1);
        return node.server.liveCalls().ids().iterator().next();
    }

    private void hangup(String uniqueId, String linkedId, String channel) {
        node.peer.emit("call", Map.of("Event", "Hangup", "Channel", channel, "Uniqueid", uniqueId,
                "Linkedid", linkedId, "Cause", "16", "Cause-txt", "Normal Clearing"));
    }

    @Test
    void aHangupSeenOnlyOverAmiTakesTheCallOutOfTheQueueAndClosesItsJourney() throws Exception {
        CompletableFuture<CallRecord> call = asterisk.call(CallScenario.of("held", "hold-test", "13700137000")
                .promptDuration(Duration.ofMillis(300)));
        String id = queuedCall(call);

        hangup(id, id, "Local/caller@test-caller-00000001;1");

        call.get(30, TimeUnit.SECONDS);
        Eventually.until("queue empty", () -> node.queueStats("zh-general").path("waiting").asInt() == 0);
        assertThat(node.counter("zh-general", "abandoned")).isEqualTo(1);
        JourneyStore journeys = node.server.flows().runner().journeys();
        Eventually.until("journey ended", () -> journeys.read(id).call().containsKey("ended"));
        assertThat(journeys.read(id).call().get("outcome")).isEqualTo("queued: abandoned");
        Eventually.until("no call open", () -> node.server.liveCalls().ids().isEmpty());
    }

    @Test
    void theHangupOfAnotherChannelOfTheSameCallLeavesTheCallerWaiting() throws Exception {
        CompletableFuture<CallRecord> first = asterisk.call(CallScenario.of("held", "hold-test", "13700137001")
                .promptDuration(Duration.ofMillis(300)));
        String firstId = queuedCall(first);
        CompletableFuture<CallRecord> second = asterisk.call(CallScenario.of("held", "hold-test", "13700137002")
                .promptDuration(Duration.ofMillis(300)));
        Eventually.until("two calls waiting", Duration.ofSeconds(30),
                () -> node.queueStats("zh-general").path("waiting").asInt() == 2);
        String secondId = node.server.liveCalls().ids().stream().filter(id -> !id.equals(firstId)).findFirst().orElseThrow();

        // A seat leg dialled from the first call shares its linked id; its end is not the caller's.
        hangup("1764000000.999", firstId, "Local/1001@test-seat-00000002;1");
        // Clean-ups run in the order their hangups came: once the second call is gone, the seat leg's has run too.
        hangup(secondId, secondId, "Local/caller@test-caller-00000009;1");
        second.get(30, TimeUnit.SECONDS);

        assertThat(first).isNotDone();
        Eventually.until("only the first call open", () -> node.server.liveCalls().ids().equals(java.util.Set.of(firstId)));
        Eventually.until("one call still waiting", () -> node.queueStats("zh-general").path("waiting").asInt() == 1);
    }

    @Test
    void afterAReconnectCallsAsteriskNoLongerListsAreEndedAndListedOnesStay() throws Exception {
        CompletableFuture<CallRecord> gone = asterisk.call(CallScenario.of("held", "hold-test", "13700137003")
                .promptDuration(Duration.ofMillis(300)));
        String goneId = queuedCall(gone);
        CompletableFuture<CallRecord> alive = asterisk.call(CallScenario.of("held", "hold-test", "13700137004")
                .promptDuration(Duration.ofMillis(300)));
        Eventually.until("two calls waiting", Duration.ofSeconds(30),
                () -> node.queueStats("zh-general").path("waiting").asInt() == 2);
        String aliveId = node.server.liveCalls().ids().stream().filter(id -> !id.equals(goneId)).findFirst().orElseThrow();
        node.peer.channels.add(Map.of("Channel", "Local/caller@test-caller-00000002;1", "Uniqueid", aliveId));
        // Calls younger than the clean-up's grace are spared (they may have started after the list was taken).
        Thread.sleep(2500);

        node.peer.stop();
        node.peer.restart();

        gone.get(30, TimeUnit.SECONDS);
        assertThat(alive).isNotDone();
        Eventually.until("only the listed call open", () -> node.server.liveCalls().ids().equals(java.util.Set.of(aliveId)));
        assertThat(node.counter("zh-general", "abandoned")).isEqualTo(1);
    }

    @Test
    void aCallRingingASeatWhenItIsHungUpFreesTheSeat() throws Exception {
        node.distributor().login("1001").toCompletableFuture().get(10, TimeUnit.SECONDS);
        // Every prompt and application takes 30 s on this line, and the seat's phone rings without answering,
        // so the Dial is still ringing when the caller hangs up.
        CompletableFuture<CallRecord> call = asterisk.call(CallScenario.of("ringing", "seat-test", "13700137005")
                .promptDuration(Duration.ofSeconds(30)).variable("DIALSTATUS", "NOANSWER"));
        Eventually.until("seat 1001 offered the call", Duration.ofSeconds(20), () -> node.seatState("1001").equals("offered"));
        String id = node.server.liveCalls().ids().iterator().next();

        hangup(id, id, "Local/caller@test-caller-00000003;1");

        call.get(30, TimeUnit.SECONDS);
        Eventually.until("seat 1001 ready again", () -> node.seatState("1001").equals("ready"));
        assertThat(node.counter("zh-general", "abandoned")).isEqualTo(1);
        assertThat(node.counter("zh-general", "answered")).isZero();
    }
}
