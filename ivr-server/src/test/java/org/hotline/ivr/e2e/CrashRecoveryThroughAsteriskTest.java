package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk crashes (SIGKILL) while a citizen waits in the queue, and comes back: the server lets go of the cut
 * call by itself (no AGI session, nobody left waiting, counted as abandoned), keeps the citizen's draft order,
 * and takes the next call through to a seat without being restarted. The server is logged in to AMI as {@code ivr}:
 * its {@code ami} health check goes down with Asterisk and comes back up by itself. (Device states and state
 * re-read after the reconnect: {@code AmiThroughAsteriskTest}.)
 *
 * <p>And a server node killed with SIGKILL (a JVM of its own on the same external redis-server and Asterisk, reached
 * through the shipped [ivr-in]) while its callers are at the menu, describing, hearing the queue announcement,
 * waiting, ringing a seat and talking to one: the dialplan sends the five not talking on (the other node, here
 * down, then the operators' queue), the conversation goes on; the in-process node, alive, settles what the dead one held; the killed
 * node restarted makes the drafts of those cut mid-description. Afterwards every caller who reached the description
 * has a draft, no seat is on a call once its caller left the Dial, and no record is left open.
 */
@ExtendWith(AsteriskExtension.class)
@ServerLogsInToAmi
@ServerOnRedisProcess
class CrashRecoveryThroughAsteriskTest {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryThroughAsteriskTest.class);

    @BeforeAll
    static void prompts(AsteriskRig rig) throws Exception {
        Hotline.installPrompts(rig);
    }

    @AfterEach
    void seatsOut(AsteriskRig rig) {
        Hotline.logOutAllSeats(rig);
    }

    @Test
    void aQueuedCallCutByACrashIsKeptAndTheNextCallReachesASeat(AsteriskRig rig) throws Exception {
        awaitAmiHealth(rig, true);
        long abandonedBefore = Hotline.abandoned(rig, "zh-general");
        TestCall cut = rig.place(TestCallPlan.hotline("13800138020").keys("1,1,1").speech(Hotline.sample("zh-06"))
                .timeout(Duration.ofSeconds(90)));
        Hotline.awaitCommand(cut, "EXEC \"StartMusicOnHold\"");
        Hotline.await(Duration.ofSeconds(10), "the call waiting in zh-general",
                () -> Hotline.stats(rig).queue("zh-general").orElseThrow().waiting() == 1,
                () -> String.valueOf(Hotline.stats(rig).queue("zh-general")));

        rig.crashAsterisk();
        long crashedAt = System.nanoTime();
        Hotline.awaitGone(rig, crashedAt, Duration.ofSeconds(5));
        Hotline.await(Duration.ofSeconds(5), "the cut call counted as abandoned",
                () -> Hotline.abandoned(rig, "zh-general") == abandonedBefore + 1,
                () -> String.valueOf(Hotline.stats(rig).queue("zh-general")));
        DraftOrder kept = Hotline.draftOrder(rig, cut.ivrLegId());
        assertThat(kept.menuPath()).contains("describe-problem");
        assertThat(Path.of(kept.recordingPath())).isRegularFile();

        awaitAmiHealth(rig, false);

        rig.startAsteriskAgain();
        awaitAmiHealth(rig, true);
        Hotline.seatReady(rig, "1001");
        TestCall next = rig.place(TestCallPlan.hotline("13800138021").keys("1,1,1").speech(Hotline.sample("zh-07"))
                .timeout(Duration.ofSeconds(90)));
        Hotline.awaitSeatOnCall(rig, "1001", next.ivrLegId());
        next.hangUpCitizen();
        next.result().get(30, TimeUnit.SECONDS);
        assertThat(Hotline.draftOrder(rig, next.ivrLegId()).menuPath()).contains("describe-problem");
    }

    @Test
    void aNodeKilledWithCallsInEveryStateLosesNoDraftStrandsNoSeatAndLeavesNoRecordOpen(AsteriskRig rig)
            throws Exception {
        awaitAmiHealth(rig, true);
        List<TestCall> calls = new java.util.ArrayList<>();
        try (ServerNodeProcess node = ServerNodeProcess.start(rig, "node-b", rig.workDir())) {
            // The shipped [ivr-in] with node-b first and a second node that is down: what the callers get after the
            // kill is what the production dialplan does with them.
            rig.asterisk().cli("dialplan set global IVR_NODE_1 127.0.0.1:" + node.agiPort());
            rig.asterisk().cli("dialplan set global IVR_NODE_2 127.0.0.1:" + AsteriskRig.freePort());
            Hotline.seatReady(rig, "1002");
            TestCall talking = placeOnB(rig, "13800138061", "zh-06");
            Hotline.awaitSeatOnCall(rig, "1002", talking.ivrLegId());

            TestCall ringingOrWaiting1 = placeOnB(rig, "13800138062", "zh-07");
            TestCall ringingOrWaiting2 = placeOnB(rig, "13800138063", "zh-08");
            Hotline.await(Duration.ofSeconds(60), "two callers waiting", () -> waiting(rig) == 2,
                    () -> String.valueOf(Hotline.stats(rig).queues()));
            TestCall announced = placeOnB(rig, "13800138064", "zh-06");
            Hotline.awaitCommand(announced, "EXEC \"AudioSocket\"");
            Hotline.seatPhoneNeverAnswers(rig, "1001", true);
            // logged in ready, it takes one of the two waiting callers at once, and rings for good
            rig.server().queues().distributor().login("1001").toCompletableFuture().join();
            TestCall describing = rig.place(TestCallPlan.hotline("13800138065").keys("1,1,1")
                    .timeout(Duration.ofSeconds(240)));   // silent: describing until the kill
            TestCall atMenu = rig.place(TestCallPlan.hotline("13800138066").keys("")
                    .timeout(Duration.ofSeconds(240)));
            Hotline.awaitCommand(describing, "EXEC \"AudioSocket\"");
            Hotline.awaitCommand(atMenu, "STREAM FILE");
            Hotline.awaitCommand(announced, "STREAM FILE \"queue-hold\"");

            calls.addAll(List.of(talking, ringingOrWaiting1, ringingOrWaiting2, announced, describing, atMenu));
            Map<String, String> seatsAtKill = seatStates(rig);
            node.kill();
            long killedAt = System.nanoTime();
            log.info("node-b killed (SIGKILL) with calls: {}; seats {}", calls.stream()
                    .map(call -> call.ivrLegId() + "=" + lastCommand(call)).toList(), seatsAtKill);
            assertThat(seatsAtKill).containsEntry("1002", "oncall").containsEntry("1001", "offered");

            // Asterisk 22 ends the AGI of a caller between commands at once (AGISTATUS=SUCCESS, as for a flow that
            // ended: the shipped [ivr-in] tells them apart by IVR_FLOW_END), and that of a caller in the node's Dial
            // when the Dial ends: the ringing one after its 20 s, the conversation not before the citizen hangs up.
            List<TestCall> sentOn = calls.subList(1, 6);
            Hotline.await(Duration.ofSeconds(40), "the five callers not talking in the operators' queue",
                    () -> sentOn.stream().allMatch(call -> inOperatorsQueue(rig, call)),
                    () -> cli(rig, "core show channels concise"));
            double operatorsAfter = (System.nanoTime() - killedAt) / 1e9;
            for (TestCall call : sentOn) {
                assertThat(call.result()).as("caller " + call.ivrLegId() + " not hung up").isNotDone();
            }
            Hotline.await(Duration.ofSeconds(40), "seat 1001 free once its caller left the Dial",
                    () -> !List.of("oncall", "offered").contains(seatStates(rig).get("1001")),
                    () -> String.valueOf(seatStates(rig)));
            double seatsFreedAfter = (System.nanoTime() - killedAt) / 1e9;
            assertThat(seatStates(rig)).as("the conversation outlived its node").containsEntry("1002", "oncall");
            assertThat(cli(rig, "core show channels concise")).as("the talking caller still in its Dial")
                    .contains(talking.ivrChannel() + "!ivr-in!12345");
            assertThat(talking.result()).isNotDone();
            talking.hangUpCitizen();
            Hotline.awaitSeatState(rig, "1002", "wrapup");   // the Hangup, seen by the live node
            Hotline.await(Duration.ofSeconds(40), "node-b's waiting caller out of the queue", () -> waiting(rig) == 0,
                    () -> String.valueOf(Hotline.stats(rig).queues()));
            JourneyStore journeys = new JourneyStore(rig.server().redis(), Duration.ofDays(1));
            for (TestCall call : calls) {
                awaitClosed(rig, journeys, call);
            }
            double recordsClosedAfter = (System.nanoTime() - killedAt) / 1e9;

            node.startAgain();
            for (TestCall call : calls.subList(0, 5)) {
                Hotline.await(Duration.ofSeconds(30), "the draft of " + call.ivrLegId(), () -> hasDraft(rig, call),
                        () -> "no order for " + call.ivrLegId());
            }
            Hotline.await(Duration.ofSeconds(10), "nobody in the IVR", () -> rig.server().flows().runner().callsInIvr()
                    .count() == 0, () -> "still " + rig.server().flows().runner().callsInIvr().count());
            log.info("BENCH crash: {} calls at the kill, drafts {}/5, 5 callers in the operators' queue {} s,"
                    + " the ringing seat free {} s and records closed {} s after the kill (the talking one outlived it),"
                    + " drafts all there {} s after it", calls.size(), calls.subList(0, 5).stream()
                    .filter(c -> hasDraft(rig, c)).count(), String.format("%.1f", operatorsAfter),
                    String.format("%.1f", seatsFreedAfter), String.format("%.1f", recordsClosedAfter),
                    String.format("%.1f", (System.nanoTime() - killedAt) / 1e9));
        } finally {
            for (TestCall call : calls) {
                if (!call.result().isDone()) {
                    call.hangUpCitizen();
                }
            }
            String live = "127.0.0.1:" + rig.server().agiPort();
            rig.asterisk().cli("dialplan set global IVR_NODE_1 " + live);
            rig.asterisk().cli("dialplan set global IVR_NODE_2 " + live);
            Hotline.seatPhoneNeverAnswers(rig, "1001", false);
            rig.forgiveComplaintsSoFar();   // Asterisk rightly warns about the AGI sessions the kill cut
        }
    }

    private static TestCall placeOnB(AsteriskRig rig, String number, String sample) {
        return rig.place(TestCallPlan.hotline(number).keys("1,1,1").speech(Hotline.sample(sample))
                .timeout(Duration.ofSeconds(240)));
    }

    /** Waiting in the shipped operators' group ([hotline-seats], app_queue), the dialplan's last resort. */
    private static boolean inOperatorsQueue(AsteriskRig rig, TestCall call) {
        return cli(rig, "core show channels concise").lines()
                .anyMatch(line -> line.startsWith(call.ivrChannel() + "!") && line.contains("!Queue!operators"));
    }

    private static String cli(AsteriskRig rig, String command) {
        try {
            return rig.asterisk().cli(command);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static long waiting(AsteriskRig rig) {
        return Hotline.stats(rig).queues().stream().mapToLong(queue -> queue.waiting()).sum();
    }

    private static Map<String, String> seatStates(AsteriskRig rig) {
        Map<String, String> states = new TreeMap<>();
        for (String seat : List.of("1001", "1002")) {
            states.put(seat, Hotline.stats(rig).seat(seat).map(s -> s.state()).orElse("?"));
        }
        return states;
    }

    private static String lastCommand(TestCall call) {
        List<String> commands = call.agiCommandsSoFar();
        return commands.isEmpty() ? "" : commands.get(commands.size() - 1);
    }

    /** Its journey has an outcome (node-lost when its node died) and expires; no queue record is left of it. */
    private static void awaitClosed(AsteriskRig rig, JourneyStore journeys, TestCall call) throws InterruptedException {
        Hotline.await(Duration.ofSeconds(40), "the record of " + call.ivrLegId() + " closed",
                () -> journeys.read(call.ivrLegId()).call().containsKey("outcome")
                        && rig.server().redis().call("ttl", jedis -> jedis.ttl(JourneyStore.key(call.ivrLegId()))) > 0,
                () -> String.valueOf(journeys.read(call.ivrLegId()).call()));
    }

    private static boolean hasDraft(AsteriskRig rig, TestCall call) {
        return rig.server().redis().call("order of call",
                jedis -> jedis.get(OrderSettings.defaults().keys().byCall(call.ivrLegId()))) != null;
    }

    private static void awaitAmiHealth(AsteriskRig rig, boolean up) throws InterruptedException {
        Hotline.await(Duration.ofSeconds(60), "AMI health " + (up ? "up" : "down"),
                () -> rig.server().health().report().checks().get("ami").up() == up,
                () -> String.valueOf(rig.server().health().report().checks().get("ami")));
    }
}
