package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.seat.standin.StandInOrders;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seat's day in miniature over HTTP and the WebSocket feed: simulated calls over FastAGI run the stand-in
 * 12345 script, are queued, pop on the seat's screen with transcript and draft, the order is submitted, wrap-up
 * runs, and the next call pops only when wrap-up is over.
 */
class ConsoleCallFlowTest {

    private static final Duration WRAP_UP = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    ConsoleTestServer node;
    SimClient phone;

    @BeforeEach
    void start() throws Exception {
        node = ConsoleTestServer.start(dir, WRAP_UP, Map.of());
        phone = new SimClient("127.0.0.1", node.server().agiPort(), true);
    }

    @AfterEach
    void stop() {
        phone.close();
        node.close();
    }

    private CompletableFuture<CallRecord> call(String name, String caller, String description, int talkSeconds) {
        return phone.call(CallScenario.of(name, "console-demo", caller).promptDuration(Duration.ofMillis(100)).press("1")
                .variable("DEMO_DESCRIPTION", description).variable("DEMO_TALK_SECONDS", Integer.toString(talkSeconds)));
    }

    @Test
    void queuedCallPopsWithTranscriptAndDraftAndTheSubmittedOrderRecordsTheSeat() throws Exception {
        ConsoleClient seat = new ConsoleClient(node.base()).loggedInSeat("1001");
        ConsoleClient.Feed feed = seat.openFeed(node.base());
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(200);

        String said = "小区门口的垃圾桶已经满了三天没人清运";
        CompletableFuture<CallRecord> running = call("flow-1", "13800138000", said, 1);
        JsonNode pop = feed.next("screen", m -> !m.path("pop").isNull()).path("pop");
        assertThat(pop.path("caller").asText()).isEqualTo("138****8000");
        assertThat(pop.path("menuPath").toString()).contains("城市管理");
        assertThat(pop.path("transcript").asText()).isEqualTo(said);
        JsonNode order = pop.path("order");
        assertThat(order.path("category").asText()).isEqualTo("city-management/garbage");
        assertThat(order.path("status").asText()).isEqualTo("draft");

        String edit = "{\"category\":\"city-management\",\"location\":\"北京市朝阳区双井街道\",\"urgency\":\"high\","
                + "\"summary\":\"垃圾桶满溢三天未清运\"}";
        ConsoleClient.Reply submitted = seat.send("POST", "/console/api/orders/" + order.path("id").asText() + "/submit", edit);
        assertThat(submitted.status()).isEqualTo(200);
        DraftOrder stored = new StandInOrders(node.server().redis(), Clock.systemUTC())
                .find(order.path("id").asText()).orElseThrow();
        assertThat(stored.status()).isEqualTo("submitted");
        assertThat(stored.editedBy()).isEqualTo("1001");
        assertThat(stored.category()).isEqualTo("city-management");
        assertThat(stored.location()).isEqualTo("北京市朝阳区双井街道");
        running.get(30, TimeUnit.SECONDS);
        feed.close();
    }

    @Test
    void afterHangupTheSeatWrapsUpAndTheNextCallPopsOnlyWhenWrapUpEnds() throws Exception {
        ConsoleClient seat = new ConsoleClient(node.base()).loggedInSeat("1002");
        ConsoleClient.Feed feed = seat.openFeed(node.base());
        seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}");

        CallRecord first = call("flow-2", "13900139000", "路灯不亮", 0).get(30, TimeUnit.SECONDS);
        JsonNode wrapUp = feed.next("screen", m -> m.path("status").path("state").asText().equals("wrap-up"));
        assertThat(wrapUp.path("pop").path("callId").asText()).isEqualTo(first.uniqueId());
        assertThat(wrapUp.path("pop").path("ended").asBoolean()).isTrue();
        long wrapUpStarted = wrapUp.path("status").path("since").asLong();

        call("flow-3", "13700137000", "噪音扰民", 0);
        JsonNode next = feed.next("screen", m -> m.path("pop").path("callId").asText().startsWith("sim-")
                && !m.path("pop").path("callId").asText().equals(first.uniqueId()));
        assertThat(next.path("status").path("state").asText()).isIn("on-call", "wrap-up");
        long assignedAt = next.path("status").path("since").asLong();
        assertThat(assignedAt - wrapUpStarted).isGreaterThanOrEqualTo(WRAP_UP.toMillis());
        feed.close();
    }

    @Test
    void theFeedSendsLivePartialsOfThePoppedCall() throws Exception {
        ConsoleClient seat = new ConsoleClient(node.base()).loggedInSeat("1003");
        ConsoleClient.Feed feed = seat.openFeed(node.base());
        seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}");
        call("flow-4", "13600136000", "第一句", 60);
        String callId = feed.next("screen", m -> !m.path("pop").isNull()).path("pop").path("callId").asText();

        SeatEvents events = new SeatEvents(node.server().redis());
        node.server().redis().call("test", jedis -> jedis.publish(SeatEvents.TRANSCRIPT_CHANNEL + callId,
                "{\"callId\":\"" + callId + "\",\"kind\":\"partial\",\"text\":\"<script>alert(1)</script>还有\"}"));
        JsonNode line = feed.next("transcript", m -> true);
        assertThat(line.path("callId").asText()).isEqualTo(callId);
        assertThat(line.path("kind").asText()).isEqualTo("partial");
        assertThat(line.path("text").asText()).isEqualTo("<script>alert(1)</script>还有");
        events.close();
        feed.close();
    }
}
