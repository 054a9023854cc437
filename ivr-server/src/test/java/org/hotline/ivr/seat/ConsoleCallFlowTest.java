package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderStatus;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.hotline.ivr.speech.Transcript;
import org.hotline.ivr.speech.TranscriptPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seat's day in miniature on a real node, over HTTP and the WebSocket feed: simulated callers run the 12345
 * flow over FastAGI, describe their problem over AudioSocket, are drafted and queued by the real distributor,
 * whose hold loop dials the seat's device; the pop carries transcript and draft, the order is submitted,
 * wrap-up runs, and the next call pops only when wrap-up is over.
 */
class ConsoleCallFlowTest {

    @TempDir
    Path dir;
    ConsoleTestServer node;
    SimClient phone;

    @BeforeEach
    void start() throws Exception {
        node = ConsoleTestServer.start(dir, Duration.ofSeconds(2), Map.of());
        phone = new SimClient("127.0.0.1", node.server().agiPort(), true);
    }

    @AfterEach
    void stop() {
        phone.close();
        node.close();
    }

    private static String said(Path wav) throws Exception {
        return Files.readAllLines(wav.resolveSibling("samples.tsv")).stream()
                .filter(line -> line.startsWith(wav.getFileName() + "\t")).findFirst().orElseThrow().split("\t")[2];
    }

    @Test
    void aDescribedCallPopsWithTranscriptAndDraftAndTheSubmittedOrderRecordsTheSeat() throws Exception {
        ConsoleClient seat = new ConsoleClient(node.base()).loggedInSeat("1001");
        ConsoleClient.Feed feed = seat.openFeed(node.base());
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(200);

        Path wav = node.sample();
        phone.call(ConsoleTestServer.describing("flow-1", "13800138000", wav, Duration.ofSeconds(60)));
        JsonNode pop = feed.next("screen", m -> !m.path("pop").path("order").isMissingNode()
                && !m.path("pop").path("transcript").asText().isEmpty()).path("pop");
        assertThat(pop.path("caller").asText()).isEqualTo("138****8000");
        assertThat(pop.path("language").asText()).isEqualTo("zh");
        assertThat(pop.path("transcript").asText()).isEqualTo(said(wav));
        assertThat(pop.path("menuPath").toString()).contains("main-menu");
        JsonNode order = pop.path("order");
        assertThat(order.path("category").asText()).startsWith("city-management");
        assertThat(order.path("status").asText()).isEqualTo("draft");
        awaitState(seat, "on-call");

        String edit = "{\"category\":\"city-management\",\"location\":\"朝阳区 望京街道\",\"urgency\":\"high\","
                + "\"summary\":\"垃圾三天未清运\"}";
        String orderId = order.path("id").asText();
        assertThat(seat.send("POST", "/console/api/orders/" + orderId + "/submit", edit).status()).isEqualTo(200);
        DraftOrder stored = node.server().orders().store().get(orderId).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(stored.category()).isEqualTo("city-management");
        assertThat(stored.street()).isEqualTo("望京街道");
        assertThat(stored.transcript()).isEqualTo(said(wav));
        assertThat(stored.history()).isNotEmpty().allSatisfy(change -> assertThat(change.seat()).isEqualTo("1001"));
        feed.close();
    }

    @Test
    void afterHangupTheSeatWrapsUpAndTheNextCallPopsOnlyWhenWrapUpEnds() throws Exception {
        ConsoleClient seat = new ConsoleClient(node.base()).loggedInSeat("1002");
        ConsoleClient.Feed feed = seat.openFeed(node.base());
        seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}");

        CallRecord first = phone.call(ConsoleTestServer.describing("flow-2", "13900139000", null, Duration.ZERO))
                .get(60, TimeUnit.SECONDS);
        JsonNode wrapUp = feed.next("screen", m -> m.path("status").path("state").asText().equals("wrap-up"));
        assertThat(wrapUp.path("pop").path("callId").asText()).isEqualTo(first.uniqueId());
        assertThat(wrapUp.path("pop").path("ended").asBoolean()).isTrue();
        long wrapUpStarted = wrapUp.path("status").path("since").asLong();

        phone.call(ConsoleTestServer.describing("flow-3", "13700137000", null, Duration.ofSeconds(30)));
        JsonNode next = feed.next("screen", m -> !m.path("pop").path("callId").asText().isEmpty()
                && !m.path("pop").path("callId").asText().equals(first.uniqueId()));
        long assignedAt = next.path("status").path("since").asLong();
        Duration queueWrapUp = node.server().queues().distributor().setup().queue("zh-general").orElseThrow().wrapUp();
        assertThat(assignedAt - wrapUpStarted).isGreaterThanOrEqualTo(queueWrapUp.toMillis());
        feed.close();
    }

    @Test
    void theFeedForwardsLiveTranscriptLinesOfThePoppedCallAsPlainTextAndSaysWhyOneIsMissing() throws Exception {
        ConsoleClient seat = new ConsoleClient(node.base()).loggedInSeat("1003");
        ConsoleClient.Feed feed = seat.openFeed(node.base());
        seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}");
        phone.call(ConsoleTestServer.describing("flow-4", "13600136000", null, Duration.ofSeconds(60)));
        String callId = feed.next("screen", m -> !m.path("pop").path("callId").asText().isEmpty())
                .path("pop").path("callId").asText();

        // What the speech side publishes while a tapped call goes on (AMI snoop): the same publisher, the same channel.
        TranscriptPublisher.CallPublisher publisher = new TranscriptPublisher(node.server().redis(), Duration.ofMinutes(5))
                .forCall(callId);
        publisher.partial(new Transcript(callId, "zh", "<script>alert(1)</script>还有", List.of(), false));
        JsonNode line = feed.next("transcript", m -> m.path("kind").asText().equals("partial"));
        assertThat(line.path("callId").asText()).isEqualTo(callId);
        assertThat(line.path("text").asText()).isEqualTo("<script>alert(1)</script>还有");

        publisher.noTranscript("zh", "recorded, no transcript (no zh model)", "no-model", true);
        JsonNode gap = feed.next("transcript", m -> m.path("kind").asText().equals("final"));
        assertThat(gap.path("text").asText()).isEmpty();
        assertThat(gap.path("missing").asText()).isEqualTo("no-model");
        assertThat(gap.path("recordingKept").asBoolean()).isTrue();
        feed.close();
    }

    @Test
    void theWallboardCountsCallsInTheIvrButNotThoseAlreadyQueued() throws Exception {
        new ConsoleClient(node.base()).loggedInSeat("1002");
        ConsoleClient supervisor = new ConsoleClient(node.base());
        assertThat(supervisor.login("wallboard", "9001", "demo9001").status()).isEqualTo(200);
        // one caller still thinking at the first prompt, one who has described the problem and waits for a seat
        phone.call(CallScenario.of("thinking", "12345", "13500135000").pause(Duration.ofSeconds(90)).press("1"));
        phone.call(ConsoleTestServer.describing("queued", "13600136000", node.sample(), Duration.ofSeconds(30)));
        JsonNode board = null;
        for (int i = 0; i < 600; i++) {
            board = supervisor.get("/wallboard/api/stats").body();
            if (board.path("callsInIvr").asInt() == 1 && waitingIn(board, "普通话综合") == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("wallboard never showed 1 call in the IVR and 1 queued: " + board);
    }

    private static int waitingIn(JsonNode board, String queueNameStart) {
        int waiting = 0;
        for (JsonNode queue : board.path("queues")) {
            if (queue.path("queue").asText().startsWith(queueNameStart)) {
                waiting += queue.path("waiting").asInt();
            }
        }
        return waiting;
    }

    private static void awaitState(ConsoleClient seat, String state) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 200; i++) {
            last = seat.get("/console/api/screen").body().path("status").path("state").asText();
            if (last.equals(state)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("seat never became " + state + " (last " + last + ")");
    }
}
