package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's Redis (Debian redis-server, a process of its own) goes away while citizens call through the real
 * Asterisk 22: stalled (SIGSTOP, connections held, nothing answered) or killed (connections refused). Every caller
 * is queued or hears "please hold" in their language and reaches the operators' group of the shipped dialplan
 * (config/asterisk/extensions.conf [hotline-seats] + queues.conf, app_queue), where an operator's phone answers;
 * none is hung up in silence, and every caller who described a problem has a draft once Redis is back.
 */
@ExtendWith(AsteriskExtension.class)
@ServerOnRedisProcess
class RedisOutageThroughAsteriskTest {

    private static final String FALLBACK = "Local/operators@hotline-seats";

    @BeforeAll
    static void promptsAndOperators(AsteriskRig rig) throws Exception {
        Hotline.installPrompts(rig);
        // Two operators' phones in the shipped queue (test-seat answers after a second and echoes).
        rig.asterisk().cli("queue add member Local/1008@test-seat to operators");
        rig.asterisk().cli("queue add member Local/1009@test-seat to operators");
    }

    @AfterEach
    void redisBackAndCallsOver(AsteriskRig rig) throws Exception {
        if (!rig.redisProcess().answers()) {
            rig.redisProcess().restart();
        }
        Hotline.logOutAllSeats(rig);
    }

    @Test
    void redisRefusingConnectionsSendsCallersAtTheMenuAndDescribingToTheOperatorsAndKeepsTheWaitingCallerQueued(
            AsteriskRig rig) throws Exception {
        // Straight to an operator (0 at the main menu): waiting in the queue by the time the others are where they go.
        TestCall waiting = rig.place(TestCallPlan.hotline("13800138051").keys("1,0"));
        TestCall describing = rig.place(TestCallPlan.hotline("13800138052").keys("1,1,1").speech(Hotline.sample("zh-07")));
        TestCall atMenu = rig.place(TestCallPlan.hotline("13800138053").keys(""));
        Hotline.awaitCommand(waiting, "EXEC \"StartMusicOnHold\"");
        Hotline.awaitCommand(describing, "EXEC \"AudioSocket\"");
        Hotline.awaitCommand(atMenu, "STREAM FILE \"main-menu\"");

        rig.redisProcess().kill();

        for (TestCall caller : List.of(describing, atMenu)) {
            awaitOperator(caller);
        }
        assertThat(rig.asterisk().cli("queue show operators")).contains("has taken");
        rig.redisProcess().restart();
        // The caller waiting in the queue kept their place through the outage: a seat that comes ready takes them.
        // (Logging in makes the seat ready, and it is offered the waiting call at once.)
        rig.server().queues().distributor().login("1001").toCompletableFuture().join();
        Hotline.awaitSeatOnCall(rig, "1001", waiting.ivrLegId());
        for (TestCall caller : List.of(waiting, describing, atMenu)) {
            caller.hangUpCitizen();
        }
        Hotline.awaitSeatState(rig, "1001", "wrapup");
        for (TestCall caller : List.of(describing, atMenu, waiting)) {
            awaitDraft(rig, caller); // spooled while Redis was away, replayed once it is back
        }
        awaitNote(rig, describing, "Redis unreachable at queue-citizen");
        awaitNote(rig, atMenu, "Redis unreachable at operator");
    }

    @Test
    void redisStalledForEightSecondsLeavesNoCallerInSilenceAndLosesNoDraft(AsteriskRig rig) throws Exception {
        TestCall describing = rig.place(TestCallPlan.hotline("13800138054").keys("1,1,1").speech(Hotline.sample("zh-08")));
        TestCall atMenu = rig.place(TestCallPlan.hotline("13800138055").keys("1,1"));
        Hotline.awaitCommand(describing, "EXEC \"AudioSocket\"");

        rig.redisProcess().pause();
        Thread.sleep(8_000); // the outage itself: what is measured is what the callers get during and after it
        rig.redisProcess().resume();

        rig.server().queues().distributor().login("1002").toCompletableFuture().join();
        for (TestCall caller : List.of(describing, atMenu)) {
            Hotline.await(Duration.ofSeconds(60), "call " + caller.ivrLegId() + " queued or at the operators",
                    () -> atOperators(caller) || Hotline.hasStep(rig, caller.ivrLegId(), "queue-citizen")
                            || caller.agiCommandsSoFar().stream().anyMatch(c -> c.startsWith("EXEC \"StartMusicOnHold\"")),
                    () -> String.valueOf(caller.agiCommandsSoFar()));
            assertThat(caller.result()).as("nobody hung up").isNotDone();
        }
        for (TestCall caller : List.of(describing, atMenu)) {
            caller.hangUpCitizen();
        }
        awaitDraft(rig, describing);
    }

    /** Please-hold, then the operators' Dial: the caller is never left without a word. */
    private static void awaitOperator(TestCall caller) throws InterruptedException {
        Hotline.await(Duration.ofSeconds(60), "call " + caller.ivrLegId() + " sent to the operators",
                () -> atOperators(caller), () -> String.valueOf(caller.agiCommandsSoFar()));
        List<String> commands = caller.agiCommandsSoFar();
        int hold = indexOf(commands, "STREAM FILE \"please-hold\"");
        int dial = indexOf(commands, "EXEC \"Dial\" \"" + FALLBACK);
        assertThat(hold).as("please-hold before the Dial: " + commands).isNotNegative().isLessThan(dial);
        assertThat(caller.result()).as("the caller was not hung up").isNotDone();
    }

    private static boolean atOperators(TestCall caller) {
        return indexOf(caller.agiCommandsSoFar(), "EXEC \"Dial\" \"" + FALLBACK) >= 0;
    }

    private static int indexOf(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static void awaitDraft(AsteriskRig rig, TestCall call) throws InterruptedException {
        Hotline.await(Duration.ofSeconds(30), "the draft of " + call.ivrLegId(), () -> draftOf(rig, call) != null,
                () -> "no order claimed for " + call.ivrLegId());
    }

    private static String draftOf(AsteriskRig rig, TestCall call) {
        try {
            return rig.server().redis().call("order of call",
                    jedis -> jedis.get(OrderSettings.defaults().keys().byCall(call.ivrLegId())));
        } catch (RuntimeException redisAway) {
            return null;
        }
    }

    private static void awaitNote(AsteriskRig rig, TestCall call, String text) throws InterruptedException {
        JourneyStore journeys = new JourneyStore(rig.server().redis(), Duration.ofDays(1));
        Hotline.await(Duration.ofSeconds(30), "journal note '" + text + "' of " + call.ivrLegId(),
                () -> journeys.read(call.ivrLegId()).notes().stream().map(Map::values)
                        .anyMatch(values -> values.stream().anyMatch(v -> v.startsWith(text))),
                () -> String.valueOf(journeys.read(call.ivrLegId()).notes()));
    }
}
