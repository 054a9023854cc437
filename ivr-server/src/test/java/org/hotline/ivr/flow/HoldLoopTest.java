package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.queue.CallDistributorRoutingTest.queueStats;
import static org.hotline.ivr.queue.CallDistributorRoutingTest.seatInRedis;
import static org.hotline.ivr.queue.CallDistributorRoutingTest.seatState;
import static org.hotline.ivr.queue.QueueFixture.await;
import static org.hotline.ivr.queue.QueueFixture.seat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.QueueFixture;
import org.hotline.ivr.queue.QueueSetup;
import org.hotline.ivr.queue.SeatOffer;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hold loop through the real FastAGI server, with the simulator playing Asterisk over TCP. */
class HoldLoopTest {

    private static final String CALLER = "13800138000";

    private QueueFixture fixture;
    private NettyTransport transport;
    private FastAgiServer agi;
    private SimClient sim;
    private CallDistributor distributor;
    private final Map<String, CompletableFuture<HoldOutcome>> outcomes = new ConcurrentHashMap<>();
    private final List<SeatOffer> callbacks = new CopyOnWriteArrayList<>();
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private static final HoldPlan CALLBACK_ONLY = new HoldPlan("calm", null, false, false, true, Duration.ZERO,
            new HoldPlan.Prompts(new Ref("hold/position", null), new Ref("hold/wait", null), new Ref("hold/minutes", null),
                    new Ref("hold/offer", null), new Ref("hold/number-is", null), new Ref("hold/confirm", null),
                    new Ref("hold/enter", null), new Ref("hold/booked", null)));

    @BeforeEach
    void start() throws Exception {
        fixture = new QueueFixture();
        QueueSetup setup = QueueFixture.setup(List.of(seat("1", Map.of("general", 5), "zh"),
                seat("2", Map.of("general", 5), "zh")));
        distributor = fixture.node("node-a", setup, callbacks::add);
        HoldLoop hold = new HoldLoop(distributor, new HoldSettings("default", Duration.ofMillis(20),
                Duration.ofSeconds(1), 15, HoldSettings.DEFAULTS.dialOptions()), fixture.clock);
        AgiScripts scripts = new AgiScripts().register("queue", call -> {
            WaitingCall waiting = new WaitingCall(call.id(), "general", "normal", call.request().language(),
                    call.request().callerId());
            CompletableFuture<HoldOutcome> outcome = hold.run(call, waiting).toCompletableFuture();
            outcomes.put(call.id(), outcome);
            return outcome;
        }).register("planned", call -> {
            WaitingCall waiting = new WaitingCall(call.id(), "general", "normal", call.request().language(),
                    call.request().callerId());
            CompletableFuture<HoldOutcome> outcome = hold.run(call, waiting, CALLBACK_ONLY, journal::add)
                    .toCompletableFuture();
            outcomes.put(call.id(), outcome);
            return outcome;
        });
        transport = new NettyTransport(2);
        agi = FastAgiServer.start(new IvrConfig.Agi("127.0.0.1", 0, List.of("127.0.0.1/32"), Duration.ofSeconds(20),
                Duration.ofMinutes(5), 8192, 256, Duration.ofSeconds(1)), transport, scripts, new AgiMetrics(new SimpleMeterRegistry()));
        sim = new SimClient("127.0.0.1", agi.port(), true);
    }

    @AfterEach
    void stop() throws Exception {
        sim.close();
        agi.close();
        transport.close();
        fixture.close();
    }

    private CompletableFuture<CallRecord> call(CallScenario scenario) {
        return sim.call(scenario.promptDuration(Duration.ofMillis(10)));
    }

    @Test
    void callerHearsPositionAndCallbackOfferThenIsConnectedWhenASeatLogsIn() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        CompletableFuture<CallRecord> record = sim.call(CallScenario.of("wait", "queue", CALLER)
                .promptDuration(Duration.ofMillis(10)), event -> heard.add(event.text()));
        waitUntil(() -> heard.stream().anyMatch(line -> line.contains("WAIT FOR DIGIT")));
        assertThat(position(outcomes.keySet().iterator().next())).isEqualTo(1);

        await(distributor.login("1"));

        CallRecord done = record.get(30, TimeUnit.SECONDS);
        assertThat(outcomeOf(done)).isEqualTo(HoldOutcome.CONNECTED);
        assertThat(done.commands()).anyMatch(c -> c.contains("CHANNEL(language)") && c.contains("zh"))
                .anyMatch(c -> c.contains("StartMusicOnHold"))
                .anyMatch(c -> c.startsWith("SAY NUMBER") && c.contains("1"))
                .anyMatch(c -> c.contains("Dial") && c.contains("PJSIP/1,20,U(ivr-queue-answered^" + done.uniqueId() + "^1^general)"))
                .anyMatch(c -> c.contains("GET VARIABLE") && c.contains("DIALSTATUS"));
        assertThat(done.prompts()).containsSubsequence("queue/position", "queue/press-1-callback")
                .as("nobody was staffed: no expected wait is invented").doesNotContain("queue/expected-wait");
        assertThat(seatState(distributor, "1")).isEqualTo("wrapup");
        assertThat(seatInRedis(distributor, "1").path("calls").asInt()).isEqualTo(1);
    }

    @Test
    void aSeatThatDoesNotAnswerIsPausedAndTheNextSeatIsRungInstead() throws Exception {
        CompletableFuture<CallRecord> record = call(CallScenario.of("no-answer", "queue", CALLER)
                .variable("DIALSTATUS", "NOANSWER"));
        waitUntil(() -> outcomes.size() == 1);
        String callId = outcomes.keySet().iterator().next();
        await(distributor.login("1"));
        await(distributor.login("2"));
        waitUntil(() -> seatState(distributor, "1").equals("paused") && seatState(distributor, "2").equals("paused"));

        sim.close(); // the caller gives up: the connection drops
        HoldOutcome outcome = outcomes.get(callId).get(30, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(HoldOutcome.ABANDONED);
        assertThat(seatInRedis(distributor, "1").path("reason").asText()).isEqualTo("no answer");
        assertThat(seatInRedis(distributor, "2").path("reason").asText()).isEqualTo("no answer");
        assertThat(queueStats(distributor, "general").path("counters").toString()).contains("\"abandoned\",\"1\"");
        assertThat(record).isNotCompletedExceptionally();
    }

    @Test
    void callerWhoPressesOneAndConfirmsTheNumberBecomesACallbackThatKeepsItsPlace() throws Exception {
        CompletableFuture<CallRecord> record = call(CallScenario.of("callback", "queue", CALLER).press("1").press("1"));

        CallRecord done = record.get(30, TimeUnit.SECONDS);

        assertThat(outcomeOf(done)).isEqualTo(HoldOutcome.CALLBACK);
        assertThat(done.prompts()).containsSubsequence("queue/press-1-callback", "queue/callback-number-is",
                "queue/callback-confirm", "queue/callback-confirmed");
        assertThat(done.commands()).anyMatch(c -> c.startsWith("SAY DIGITS") && c.contains(CALLER));
        await(distributor.login("2"));
        assertThat(callbacks).singleElement().satisfies(offer -> {
            assertThat(offer.callId()).isEqualTo(done.uniqueId());
            assertThat(offer.callbackNumber()).isEqualTo(CALLER);
            assertThat(offer.seatId()).isEqualTo("2");
        });
    }

    /** What the enqueue node's hold block says is what the caller hears, and each step is journaled. */
    @Test
    void theHoldPlanChoosesWhatIsSaidAndEveryStepOfTheWaitGoesToTheJournal() throws Exception {
        CompletableFuture<CallRecord> record = call(CallScenario.of("planned", "planned", CALLER).press("1").press("1"));

        CallRecord done = record.get(30, TimeUnit.SECONDS);

        assertThat(outcomeOf(done)).isEqualTo(HoldOutcome.CALLBACK);
        assertThat(done.commands()).anyMatch(c -> c.contains("StartMusicOnHold") && c.contains("calm"))
                .noneMatch(c -> c.startsWith("SAY NUMBER"));
        assertThat(done.prompts()).as("position and expected wait are off; the plan's own prompt ids")
                .containsSubsequence("hold/offer", "hold/number-is", "hold/confirm", "hold/booked")
                .noneMatch(prompt -> prompt.startsWith("queue/") || prompt.equals("hold/position"));
        assertThat(journal).containsExactly("hold: callback offered", "hold: callback booked to 138****8000, place kept");
    }

    @Test
    void callerWhoKeysInAnotherNumberIsCalledBackThere() throws Exception {
        CompletableFuture<CallRecord> record = call(CallScenario.of("other", "queue", CALLER)
                .press("1").press("2").press("02012345678#"));

        CallRecord done = record.get(30, TimeUnit.SECONDS);
        await(distributor.login("1"));

        assertThat(outcomeOf(done)).isEqualTo(HoldOutcome.CALLBACK);
        assertThat(callbacks).singleElement().extracting(SeatOffer::callbackNumber).isEqualTo("02012345678");
    }

    @Test
    void callerWhoHangsUpWhileWaitingLeavesTheQueueAsAbandoned() throws Exception {
        CompletableFuture<CallRecord> record = call(CallScenario.of("gone", "queue", CALLER)
                .pause(Duration.ofMillis(100)).hangUp());

        CallRecord done = record.get(30, TimeUnit.SECONDS);

        assertThat(done.outcome()).isEqualTo("caller-hangup");
        assertThat(outcomeOf(done)).isEqualTo(HoldOutcome.ABANDONED);
        assertThat(queueStats(distributor, "general").path("waiting").asInt()).isZero();
        assertThat(queueStats(distributor, "general").path("counters").toString()).contains("\"abandoned\",\"1\"");
    }

    private HoldOutcome outcomeOf(CallRecord record) throws Exception {
        return outcomes.get(record.uniqueId()).get(30, TimeUnit.SECONDS);
    }

    private int position(String callId) {
        return await(distributor.position(new WaitingCall(callId, "general", "normal", "zh", CALLER)));
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 800; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("condition not reached within 20 s");
    }
}
