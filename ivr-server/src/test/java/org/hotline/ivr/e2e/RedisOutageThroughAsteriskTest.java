package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.redis.RedisProcess;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
        // As long as the spoken Mandarin prompt (4.5 s), not a beep: the outage begins while a caller hears it.
        TestSounds.writeTone(rig.asterisk().soundsDir().resolve("zh/queue-hold.wav"), 500, 4_500);
        // Two operators' phones in the shipped queue (test-seat answers after a second and echoes).
        rig.asterisk().cli("queue add member Local/1008@test-seat to operators");
        rig.asterisk().cli("queue add member Local/1009@test-seat to operators");
    }

    /** This test's callers: hung up after it, whatever happened. */
    private final List<TestCall> placed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void redisBackAndCallsOver(AsteriskRig rig) throws Exception {
        for (TestCall caller : placed) {
            if (!caller.result().isDone()) {
                caller.hangUpCitizen();
            }
        }
        if (!rig.redisProcess().answers()) {
            rig.redisProcess().restart();
        }
        Hotline.seatPhoneNeverAnswers(rig, "1001", false);
        Hotline.logOutAllSeats(rig);
    }

    /** How Redis goes away: stalled (SIGSTOP: connections held, nothing answered) or down (connections refused). */
    enum Outage {
        STALLED_8_S {
            @Override
            void during(RedisProcess redis, Runnable meanwhile) throws Exception {
                redis.pause();
                meanwhile.run();
                Thread.sleep(8_000); // the outage itself: what is measured is what the callers get during and after it
                redis.resume();
            }
        },
        DOWN_10_S {
            @Override
            void during(RedisProcess redis, Runnable meanwhile) throws Exception {
                redis.kill();
                meanwhile.run();
                Thread.sleep(10_000);
                redis.restart();
            }
        };

        abstract void during(RedisProcess redis, Runnable meanwhile) throws Exception;
    }

    /**
     * One outage while six callers stand at six steps of the 12345 flow at once: at the main menu (they press 0 during
     * it), describing (they speak during it), hearing the queue announcement right after their description (the
     * queueing meets the outage), waiting in the queue, ringing a seat whose phone never answers, and talking to a
     * seat. Afterwards every one of them is queued (waiting, ringing or talking) or at the operators' group after
     * "please hold"; none was hung up; every caller has a draft order; the journal says why each one was sent on.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Outage.class)
    void anOutageAtEveryStepOfTheFlowLeavesNobodyInSilenceAndLosesNoDraft(Outage outage, AsteriskRig rig)
            throws Exception {
        String n = outage == Outage.STALLED_8_S ? "1" : "2";
        Hotline.seatReady(rig, "1002");
        TestCall talking = place(rig, plan("138001387" + n + "1").keys("1,0"));
        Hotline.awaitSeatOnCall(rig, "1002", talking.ivrLegId());
        TestCall ringing = place(rig, plan("138001387" + n + "2").keys("1,0"));
        TestCall waiting = place(rig, plan("138001387" + n + "3").keys("1,0"));
        Hotline.awaitCommand(ringing, "EXEC \"StartMusicOnHold\"");
        Hotline.awaitCommand(waiting, "EXEC \"StartMusicOnHold\"");
        TestCall announced = place(rig, plan("138001387" + n + "4").keys("1,1,1").speech(Hotline.sample("zh-07")));
        Hotline.awaitCommand(announced, "EXEC \"AudioSocket\"");
        // Silent while the other one speaks (the outage comes before its 8 s of silence end the description).
        TestCall describing = place(rig, plan("138001387" + n + "5").keys("1,1,1"));
        Hotline.seatPhoneNeverAnswers(rig, "1001", true);
        rig.server().queues().distributor().login("1001").toCompletableFuture().join(); // takes the first, rings 20 s
        TestCall atMenu = place(rig, plan("138001387" + n + "6").keys("1"));
        Hotline.awaitCommand(describing, "EXEC \"AudioSocket\"");
        Hotline.awaitCommand(atMenu, "STREAM FILE \"main-menu\"");
        Hotline.await(Duration.ofSeconds(10), "seat 1001 ringing", () -> seatState(rig, "1001").equals("offered"),
                () -> seatState(rig, "1001"));
        Hotline.awaitCommand(announced, "STREAM FILE \"queue-hold\"");
        List<TestCall> callers = List.of(talking, ringing, waiting, announced, describing, atMenu);
        assertThat(lastCommand(describing)).as("still describing").startsWith("EXEC \"AudioSocket\"");
        assertThat(seatCall(rig, "1001")).as("seat 1001 rings for one of the waiting callers")
                .isIn(ringing.ivrLegId(), waiting.ivrLegId());

        outage.during(rig.redisProcess(), () -> {
            atMenu.press("0");
            describing.say(Hotline.sample("zh-08"));
        });

        Hotline.await(Duration.ofSeconds(45), "every caller queued or at the operators", () -> {
            callers.forEach(caller -> assertThat(caller.result()).as("caller " + caller.ivrLegId() + " hung up; "
                    + caller.agiCommandsSoFar()).isNotDone());
            return callers.stream().allMatch(caller -> atOperators(caller) || queued(rig, caller));
        }, () -> callers.stream().map(caller -> caller.ivrLegId() + " " + lastCommand(caller)).toList().toString());
        for (TestCall caller : callers) {
            if (atOperators(caller)) {
                assertHeardPleaseHoldBeforeTheOperators(caller);
            }
        }
        if (outage == Outage.DOWN_10_S) {
            // Refused at once, their queueing fails within the retry window. (Stalled, the commands may wait in the
            // node's Redis pool until Redis answers again, and they are queued then, hold music playing meanwhile.)
            for (TestCall caller : List.of(announced, atMenu)) {
                assertThat(atOperators(caller)).as(caller.ivrLegId() + " queued into the outage: at the operators")
                        .isTrue();
            }
        }
        assertThat(queued(rig, waiting)).as("the waiting caller kept their place").isTrue();
        assertThat(seatCall(rig, "1002")).as("the conversation went on through the outage").isEqualTo(talking.ivrLegId());
        assertThat(rig.asterisk().cli("queue show operators")).contains("has taken");

        for (TestCall caller : callers) {
            caller.hangUpCitizen();
        }
        Hotline.awaitSeatState(rig, "1002", "wrapup");
        for (TestCall caller : callers) {
            awaitDraft(rig, caller); // those written while Redis was away were spooled and replayed once it was back
        }
        for (TestCall caller : callers) {
            if (atOperators(caller)) {
                awaitNote(rig, caller, "Redis unreachable at ");
            }
        }
        Hotline.await(Duration.ofSeconds(40), "no call of this test left in the queues", () -> callers.stream()
                .noneMatch(caller -> queued(rig, caller)), () -> callers.stream()
                .map(caller -> caller.ivrLegId() + " " + rig.server().queues().distributor().records().call(caller.ivrLegId()))
                .toList().toString());
    }

    private TestCall place(AsteriskRig rig, TestCallPlan plan) {
        TestCall call = rig.place(plan);
        placed.add(call);
        return call;
    }

    private static TestCallPlan plan(String number) {
        return TestCallPlan.hotline(number).timeout(Duration.ofSeconds(180));
    }

    /** In the distributor's hands: waiting, ringing a seat or on one. */
    private static boolean queued(AsteriskRig rig, TestCall caller) {
        try {
            return rig.server().queues().distributor().records().call(caller.ivrLegId()).isPresent();
        } catch (RuntimeException redisAway) {
            return false;
        }
    }

    private static String seatState(AsteriskRig rig, String seat) {
        return Hotline.stats(rig).seat(seat).map(s -> s.state()).orElse("?");
    }

    private static String seatCall(AsteriskRig rig, String seat) {
        return Hotline.stats(rig).seat(seat).map(s -> s.callId()).orElse("?");
    }

    private static String lastCommand(TestCall call) {
        List<String> commands = call.agiCommandsSoFar();
        return commands.isEmpty() ? "" : commands.get(commands.size() - 1);
    }

    /** Please-hold, then the operators' Dial: the caller is never left without a word. */
    private static void assertHeardPleaseHoldBeforeTheOperators(TestCall caller) {
        List<String> commands = caller.agiCommandsSoFar();
        int hold = indexOf(commands, "STREAM FILE \"please-hold\"");
        int dial = indexOf(commands, "EXEC \"Dial\" \"" + FALLBACK);
        assertThat(hold).as("please-hold before the Dial: " + commands).isNotNegative().isLessThan(dial);
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
