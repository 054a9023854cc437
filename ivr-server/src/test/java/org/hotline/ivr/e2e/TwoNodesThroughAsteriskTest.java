package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RedisProcess;
import org.hotline.ivr.redis.RetryPolicy;
import org.hotline.ivr.seat.ConsoleTestAccess;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two IVR nodes as operators run them: two {@code ivr serve} processes (node-a, node-b) on one redis-server of their
 * own and one real Asterisk 22 running the shipped dialplan ({@code [ivr-in]} takes turns at IVR_NODE_1 and
 * IVR_NODE_2, the other node on {@code AGISTATUS=FAILURE}, then the operators' queue), with one shared recordings
 * folder. Calls spread over both nodes; a seat logged in on node A's console takes a call queued on node B and
 * plays its description through node A; node A killed with SIGKILL mid-traffic: Asterisk sends its callers on to
 * node B, which starts their flow anew and takes its waiting caller out of the queue, and new calls go to node B;
 * with both nodes dead a caller waits in the operators' queue (app_queue, the shipped queues.conf).
 *
 * <p>The rig's in-process server stays on its own embedded Redis and no call is routed to it: what the nodes share
 * is only what operators give them (Redis, the recordings folder, the Asterisk). Which node Asterisk handed a call
 * to is read from Asterisk's own AGI debug log ({@code agi_request: agi://host:port/...} on the call's channel).
 */
@ExtendWith(AsteriskExtension.class)
@ServerLogsInToAmi
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesThroughAsteriskTest {

    private static final Pattern AGI_REQUEST = Pattern.compile("<([^>]+)>AGI Tx >> agi_request: agi://127\\.0\\.0\\.1:(\\d+)/");

    private static RedisProcess redis;
    private static RedisGateway nodesRedis;
    private static ServerNodeProcess nodeA;
    private static ServerNodeProcess nodeB;
    private static Path recordings;
    /** Seat 1001, logged in on node A's console. */
    private static ConsoleTestAccess.Client seat;
    /** Supervisor 9001 on node B's wallboard (the queues). */
    private static ConsoleTestAccess.Client supervisor;

    @BeforeAll
    static void twoNodes(AsteriskRig rig) throws Exception {
        Assumptions.assumeTrue(RedisProcess.installed(), "no redis-server (Debian package): the two-node test is skipped");
        Hotline.installPrompts(rig);
        redis = RedisProcess.server(Files.createDirectories(rig.workDir().resolve("nodes-redis")));
        nodesRedis = new RedisGateway("redis://" + redis.address(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        recordings = Files.createDirectories(rig.workDir().resolve("shared-recordings"));
        Map<String, String> shared = Map.of(
                "IVR_REDIS_URL", "redis://" + redis.address(),
                "IVR_AUDIO_RECORDINGS", recordings.toString(),
                "IVR_AUDIO_CONVERSATIONS", Files.createDirectories(rig.workDir().resolve("shared-conversations")).toString(),
                // a dead node's calls are settled 3 s after its lease stops (15 s in production): a short test
                "IVR_CALLS_NODE_DEAD_AFTER", "3s");
        nodeA = ServerNodeProcess.launch(rig, "node-a", rig.workDir(), shared);
        nodeB = ServerNodeProcess.launch(rig, "node-b", rig.workDir(), shared);
        nodeA.awaitListening();
        nodeB.awaitListening();
        rig.asterisk().cli("dialplan set global IVR_NODE_1 127.0.0.1:" + nodeA.agiPort());
        rig.asterisk().cli("dialplan set global IVR_NODE_2 127.0.0.1:" + nodeB.agiPort());
        seat = ConsoleTestAccess.seat(nodeA.httpBase(), "1001");
        supervisor = ConsoleTestAccess.supervisor(nodeB.httpBase(), "9001", "demo9001");
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {nodeA, nodeB, nodesRedis, redis}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    @Order(1)
    void callsTakeTurnsAtTheNodesAndASeatOnNodeATakesACallQueuedOnNodeBAndPlaysItsRecording(AsteriskRig rig)
            throws Exception {
        nextCallTriesFirst(rig, 2);
        TestCall onB = describing(rig, "13800138071");
        Hotline.awaitCommand(onB, "");
        TestCall onA = rig.place(TestCallPlan.hotline("13800138072").keys("").timeout(Duration.ofSeconds(120)));
        Hotline.awaitCommand(onA, "STREAM FILE");
        assertThat(nodesServing(rig, onB)).as("the first call's node").containsExactly(nodeB.agiPort());
        assertThat(nodesServing(rig, onA)).as("the next call takes the other node").containsExactly(nodeA.agiPort());

        // Seat 1001 is logged in on node A only; node B queued the call: the distributor's state is Redis's.
        assertThat(seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(200);
        Hotline.await(Duration.ofSeconds(60), "seat 1001 (node A's console) on node B's call", () -> {
            JsonNode status = seat.send("GET", "/console/api/screen", null).body().path("status");
            return status.path("callId").asText().equals(onB.ivrLegId()) && status.path("state").asText().contains("call");
        }, () -> seat.send("GET", "/console/api/screen", null).body().toString());
        onB.hangUpCitizen();
        onA.hangUpCitizen();

        // Node B wrote the description into the shared folder; node A's console lists and plays it.
        String orderId = awaitJournal(onB.ivrLegId(), "orderId");
        JsonNode listed = seat.send("GET", "/api/orders/" + orderId + "/recordings", null).body().path("recordings");
        JsonNode description = null;
        for (JsonNode recording : listed) {
            if (recording.path("kind").asText().equals("description")) {
                description = recording;
            }
        }
        assertThat(description).as("the description in " + listed).isNotNull();
        ConsoleTestAccess.Bytes played = seat.getBytes(description.path("url").asText());
        assertThat(played.status()).isEqualTo(200);
        assertThat(played.contentType()).isEqualTo("audio/wav");
        assertThat(played.body()).isEqualTo(Files.readAllBytes(onlyRecordingOf(onB.ivrLegId())));
        seat.send("POST", "/console/api/logout", "{}");
    }

    @Test
    @Order(2)
    void aNodeKilledMidTrafficHasItsCallsServedAndSettledByTheOtherAndNewCallsGoThere(AsteriskRig rig)
            throws Exception {
        nextCallTriesFirst(rig, 1);
        TestCall waitingOnA = describing(rig, "13800138073");
        Hotline.awaitCommand(waitingOnA, "");
        TestCall atMenuOnB = rig.place(TestCallPlan.hotline("13800138074").keys("").timeout(Duration.ofSeconds(180)));
        Hotline.awaitCommand(atMenuOnB, "");
        TestCall atMenuOnA = rig.place(TestCallPlan.hotline("13800138075").keys("").timeout(Duration.ofSeconds(180)));
        Hotline.awaitCommand(atMenuOnA, "STREAM FILE");
        Hotline.awaitCommand(waitingOnA, "EXEC \"StartMusicOnHold\"");
        assertThat(nodesServing(rig, waitingOnA)).containsExactly(nodeA.agiPort());
        assertThat(nodesServing(rig, atMenuOnB)).containsExactly(nodeB.agiPort());
        assertThat(nodesServing(rig, atMenuOnA)).containsExactly(nodeA.agiPort());
        Hotline.await(Duration.ofSeconds(10), "node A's caller waiting in a queue", () -> waitingCallers() == 1,
                () -> waitingCallers() + " waiting");

        nodeA.kill();

        // Asterisk: node A's FastAGI sockets are gone (AGISTATUS=FAILURE), [ivr-in] runs the flow anew on node B.
        for (TestCall moved : List.of(waitingOnA, atMenuOnA)) {
            Hotline.await(Duration.ofSeconds(30), "call " + moved.ivrLegId() + " on node B",
                    () -> nodesServing(rig, moved).equals(List.of(nodeA.agiPort(), nodeB.agiPort())),
                    () -> String.valueOf(nodesServing(rig, moved)));
            assertThat(moved.result()).as("the caller was not hung up").isNotDone();
        }
        // Node B finds node A's lease gone and takes node A's waiting caller out of the queue.
        Hotline.await(Duration.ofSeconds(30), "node A's waiting caller out of the queue", () -> waitingCallers() == 0,
                () -> waitingCallers() + " waiting");
        assertThat(nodesServing(rig, atMenuOnB)).as("node B's own call, untouched").containsExactly(nodeB.agiPort());
        assertThat(atMenuOnB.result()).isNotDone();

        // New calls: whichever node they try first, node B serves them.
        List<TestCall> after = new ArrayList<>();
        for (String number : List.of("13800138076", "13800138077")) {
            TestCall call = rig.place(TestCallPlan.hotline(number).keys("").timeout(Duration.ofSeconds(60)));
            Hotline.awaitCommand(call, "STREAM FILE");
            assertThat(nodesServing(rig, call)).containsExactly(nodeB.agiPort());
            after.add(call);
        }

        // Both nodes gone: the caller is not hung up, it waits for an operator.
        nodeB.kill();
        TestCall none = rig.place(TestCallPlan.hotline("13800138078").keys("").timeout(Duration.ofSeconds(60)));
        Hotline.await(Duration.ofSeconds(30), "the caller in the operators' queue",
                () -> channels(rig).lines()
                        .anyMatch(line -> line.startsWith(none.ivrChannel()) && line.contains("!Queue!operators")),
                () -> channels(rig));
        assertThat(none.agiCommandsSoFar()).as("no node served it").isEmpty();
        assertThat(none.result()).isNotDone();
        for (TestCall call : List.of(waitingOnA, atMenuOnA, atMenuOnB, after.get(0), after.get(1), none)) {
            call.hangUpCitizen();
        }
        assertThat(rig.asteriskLogSinceTestStart()).as("Asterisk tried the dead nodes")
                .anyMatch(line -> line.contains("Connection refused"));
        rig.forgiveComplaintsSoFar(); // Asterisk's warnings about the nodes killed on purpose, checked above
    }

    /**
     * A citizen who reports a problem (keys 1, 1, 1) and speaks, once the description has started; # a second and a
     * half into it ends it (a short call), and the flow queues the caller.
     */
    private static TestCall describing(AsteriskRig rig, String number) throws InterruptedException {
        TestCall call = rig.place(TestCallPlan.hotline(number).keys("1,1,1").speech(Hotline.sample("zh-04"))
                .timeout(Duration.ofSeconds(180)));
        Hotline.awaitCommand(call, "EXEC \"AudioSocket\"");
        Hotline.later(Duration.ofMillis(1500), () -> call.press("#"));
        return call;
    }

    /** The FastAGI ports Asterisk handed this call's channel to, in order (its AGI debug log). */
    private static List<Integer> nodesServing(AsteriskRig rig, TestCall call) {
        String channel = call.ivrChannel();
        List<Integer> ports = new ArrayList<>();
        for (String line : rig.asteriskLogSinceTestStart()) {
            Matcher m = AGI_REQUEST.matcher(line);
            if (m.find() && m.group(1).equals(channel)) {
                ports.add(Integer.parseInt(m.group(2)));
            }
        }
        return ports;
    }

    /** Sets the dialplan's turn so that the next citizen's call tries node {@code node} first. */
    private static void nextCallTriesFirst(AsteriskRig rig, int node) throws Exception {
        rig.asterisk().cli("dialplan set global IVR_TURN " + (3 - node));
    }

    /** Callers waiting in the queues, as node B's wallboard API has them. */
    private static long waitingCallers() {
        long waiting = 0;
        for (JsonNode queue : supervisor.send("GET", "/api/queues", null).body().path("queues")) {
            waiting += queue.path("waiting").asLong();
        }
        return waiting;
    }

    private static String channels(AsteriskRig rig) {
        try {
            return rig.asterisk().cli("core show channels concise");
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String awaitJournal(String callId, String field) throws InterruptedException {
        JourneyStore journeys = new JourneyStore(nodesRedis, Duration.ofDays(1));
        Hotline.await(Duration.ofSeconds(30), field + " in the journal of " + callId,
                () -> journeys.read(callId).call().containsKey(field), () -> String.valueOf(journeys.read(callId).call()));
        return journeys.read(callId).call().get(field);
    }

    private static Path onlyRecordingOf(String callId) throws IOException {
        try (Stream<Path> files = Files.walk(recordings)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(callId)).toList();
            assertThat(found).as("recordings of " + callId + " in the shared folder").hasSize(1);
            return found.get(0);
        }
    }
}
