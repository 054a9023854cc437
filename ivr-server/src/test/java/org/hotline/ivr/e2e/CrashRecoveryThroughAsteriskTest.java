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
 * <p>And a server node killed with SIGKILL (a JVM of its own on the same external redis-server and Asterisk) while
 * its callers are at the menu, describing, hearing the queue announcement, waiting, ringing a seat and talking to
 * one: the in-process node, alive, settles what it held; the killed node restarted makes the drafts of those cut
 * mid-description. Afterwards every caller who reached the description has a draft, no seat is on a call 60 s after
 * its caller hung up, and no record is left open.
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
        try (ServerNodeProcess node = ServerNodeProcess.start(rig, "node-b", rig.workDir())) {
            routeHotlineTo(rig, "ivr-in-b", node.agiPort());
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
            TestCall describing = rig.place(TestCallPlan.hotline("13800138065").to("ivr-in-b", "12345").keys("1,1,1")
                    .timeout(Duration.ofSeconds(240)));   // silent: describing until the kill
            TestCall atMenu = rig.place(TestCallPlan.hotline("13800138066").to("ivr-in-b", "12345").keys("")
                    .timeout(Duration.ofSeconds(240)));
            Hotline.awaitCommand(describing, "EXEC \"AudioSocket\"");
            Hotline.awaitCommand(atMenu, "STREAM FILE");
            Hotline.awaitCommand(announced, "STREAM FILE \"queue-hold\"");

            List<TestCall> calls = List.of(talking, ringingOrWaiting1, ringingOrWaiting2, announced, describing, atMenu);
            Map<String, String> seatsAtKill = seatStates(rig);
            node.kill();
            long killedAt = System.nanoTime();
            log.info("node-b killed (SIGKILL) with calls: {}; seats {}", calls.stream()
                    .map(call -> call.ivrLegId() + "=" + lastCommand(call)).toList(), seatsAtKill);
            assertThat(seatsAtKill).containsEntry("1002", "oncall").containsEntry("1001", "offered");

            // Asterisk 22 ends the AGI leg once its FastAGI socket is gone; the citizen hangs up in any case. (While the
            // caller's channel lives the seat stays on call: CallDistributorNodesTest.)
            talking.hangUpCitizen();
            Hotline.await(Duration.ofSeconds(60), "seats 1001 and 1002 off their calls",
                    () -> seatStates(rig).values().stream().noneMatch(state -> state.equals("oncall")
                            || state.equals("offered")), () -> String.valueOf(seatStates(rig)));
            double seatsFreedAfter = (System.nanoTime() - killedAt) / 1e9;
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
            log.info("BENCH crash: {} calls at the kill, drafts {}/5, seats free {} s and records closed {} s after"
                    + " the kill, drafts all there {} s after it", calls.size(), calls.subList(0, 5).stream()
                    .filter(c -> hasDraft(rig, c)).count(), String.format("%.1f", seatsFreedAfter),
                    String.format("%.1f", recordsClosedAfter), String.format("%.1f", (System.nanoTime() - killedAt) / 1e9));
        } finally {
            Hotline.seatPhoneNeverAnswers(rig, "1001", false);
            rig.forgiveComplaintsSoFar();   // Asterisk rightly warns about the AGI sessions the kill cut
        }
    }

    /** The production [ivr-in] entry, pointed at another node (context {@code context}). */
    private static void routeHotlineTo(AsteriskRig rig, String context, int agiPort) throws Exception {
        rig.asterisk().cli("dialplan add extension 12345,1,Answer() into " + context);
        rig.asterisk().cli("dialplan add extension 12345,2,Set(CHANNEL(language)=zh) into " + context);
        rig.asterisk().cli("dialplan add extension 12345,3,AGI(agi://127.0.0.1:" + agiPort + "/12345) into " + context);
        rig.asterisk().cli("dialplan add extension 12345,4,Hangup() into " + context);
    }

    private static TestCall placeOnB(AsteriskRig rig, String number, String sample) {
        return rig.place(TestCallPlan.hotline(number).to("ivr-in-b", "12345").keys("1,1,1")
                .speech(Hotline.sample(sample)).timeout(Duration.ofSeconds(240)));
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
