package org.hotline.ivr.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.queue.CallDistributorRoutingTest.seatInRedis;
import static org.hotline.ivr.queue.CallDistributorRoutingTest.seatState;
import static org.hotline.ivr.queue.QueueFixture.await;
import static org.hotline.ivr.queue.QueueFixture.enqueued;
import static org.hotline.ivr.queue.QueueFixture.call;
import static org.hotline.ivr.queue.QueueFixture.seat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CallDistributorNodesTest {

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();

    private QueueFixture fixture;
    private QueueSetup setup;
    private final List<SeatOffer> callbacks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new QueueFixture(redis);
        setup = QueueFixture.setup(List.of(seat("1", Map.of("general", 5), "zh"), seat("2", Map.of("general", 5), "zh")));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aRestartedNodeFindsSeatsAndCallbacksInRedisAndFreesWhatItsOldLifeHeld() {
        CallDistributor before = fixture.node("node-a", setup, callbacks::add);
        await(before.login("1"));
        await(before.login("2"));
        await(before.pause("2", "training"));
        SeatOffer ringing = await(before.enqueue(call("ringing", "general", "normal")));
        enqueued(before, call("live", "general", "normal"));
        WaitingCall callback = call("callback", "general", "normal");
        enqueued(before, callback);
        await(before.offerCallback(callback, "13900139000"));
        before.close();   // a crash: nothing is cleaned up on the way out

        // Asterisk lists no channel of the ringing call: the caller is gone, its seat can be freed.
        CallDistributor after = fixture.unstartedNode("node-a", setup).askChannelsOf(() ->
                new CallChannels.Alive(Set.of(), true)).handCallbacksTo(callbacks::add).start();
        assertThat(seatState(after, "1")).as("an orphan until Asterisk is asked").isEqualTo("offered");
        after.tick();
        eventually(() -> seatState(after, "1").equals("wrapup"));   // it may have been answered: wrap-up as usual
        fixture.clock.advance(QueueFixture.WRAP_UP);
        after.tick();

        assertThat(ringing.seatId()).isEqualTo("1");
        assertThat(seatState(after, "2")).isEqualTo("paused");
        assertThat(seatInRedis(after, "2").path("reason").asText()).isEqualTo("training");
        assertThat(callbacks).as("seat 1 was freed and took the callback, the old live call was gone")
                .singleElement().satisfies(offer -> {
                    assertThat(offer.callId()).isEqualTo("callback");
                    assertThat(offer.seatId()).isEqualTo("1");
                });
        assertThat(await(after.position(call("live", "general", "normal")))).isZero();
    }

    @Test
    void twoNodesShareOneSeatPool() {
        CallDistributor a = fixture.node("node-a", setup, callbacks::add);
        CallDistributor b = fixture.node("node-b", setup, callbacks::add);
        CompletableFuture<SeatOffer> onA = enqueued(a, call("on-a", "general", "normal")).toCompletableFuture();
        fixture.clock.advance(Duration.ofSeconds(1));
        CompletableFuture<SeatOffer> onB = enqueued(b, call("on-b", "general", "normal")).toCompletableFuture();
        assertThat(await(b.position(call("on-b", "general", "normal")))).isEqualTo(2);

        await(b.login("1"));   // decided on node b, delivered to node a through its inbox
        SeatOffer first = await(onA);
        await(a.login("2"));   // decided on node a for node b's call
        SeatOffer second = await(onB);

        assertThat(first.seatId()).isEqualTo("1");
        assertThat(second.seatId()).isEqualTo("2");
        await(a.answered(first));
        await(a.hangupAfterCall(first));
        assertThat(seatState(b, "1")).isEqualTo("wrapup");
    }

    @Test
    void whenANodeDiesItsWaitingCallsAreCleanedUpAndItsRingingSeatIsFreedWhenNobodyKnowsTheCall() {
        CallDistributor dying = fixture.node("node-a", setup, callbacks::add);
        CallDistributor survivor = fixture.node("node-b", setup, callbacks::add);   // no AMI: nobody can tell
        enqueued(dying, call("ringing", "general", "normal"));
        enqueued(dying, call("waiting", "general", "normal"));
        assertThat(await(dying.position(call("waiting", "general", "normal")))).isEqualTo(2);
        await(survivor.login("1"));
        assertThat(seatInRedis(survivor, "1").path("call").asText()).isEqualTo("ringing");
        dying.close();

        fixture.clock.advance(Duration.ofSeconds(16));
        survivor.tick();   // node-a found dead: its calls on seats are orphans from now
        assertThat(await(survivor.position(call("waiting", "general", "normal")))).isZero();
        // Asterisk may still ring the seat, or have bridged it to the caller without the node
        assertThat(seatState(survivor, "1")).isEqualTo("offered");
        fixture.clock.advance(Duration.ofSeconds(60).minus(SeatSettlement.CHECK_EVERY));
        survivor.tick();
        assertThat(seatState(survivor, "1")).as("past the offer's ring timeout, still an orphan").isEqualTo("offered");

        ch.qos.logback.classic.Logger settlementLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(SeatSettlement.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        settlementLog.addAppender(logged);
        try {
            // calls.freeStuckSeatAfter (60 s) since it was found dead, at the next check of Asterisk's channels
            fixture.clock.advance(SeatSettlement.CHECK_EVERY);
            survivor.tick();

            eventually(() -> seatState(survivor, "1").equals("wrapup"));
            eventually(() -> !logged.list.isEmpty());
        } finally {
            settlementLog.detachAppender(logged);
        }
        assertThat(logged.list.get(0).getFormattedMessage()).as("the log names the seat and the call")
                .contains("seat 1 freed (now wrapup) from call ringing of dead node node-a (was offered")
                .contains("no live node nor Asterisk channel has known it for 60 s");
        fixture.clock.advance(QueueFixture.WRAP_UP);
        survivor.tick();
        assertThat(seatState(survivor, "1")).isEqualTo("ready");
        assertThat(await(survivor.enqueue(call("new", "general", "normal"))).seatId()).isEqualTo("1");
    }

    @Test
    void aDeadNodesSeatTalkingToACallerStaysOnCallWhileAsteriskHasTheCallerAndIsFreedByAHangupSeenOnAnyNode() {
        CallDistributor dying = fixture.node("node-a", setup, callbacks::add);
        Set<String> alive = ConcurrentHashMap.newKeySet();
        alive.add("talking");
        CallDistributor survivor = fixture.unstartedNode("node-b", setup)
                .askChannelsOf(() -> new CallChannels.Alive(alive, true)).handCallbacksTo(callbacks::add).start();
        await(dying.login("1"));
        SeatOffer offer = await(dying.enqueue(call("talking", "general", "normal")));
        await(dying.answered(offer));
        dying.close();

        fixture.clock.advance(Duration.ofSeconds(16));
        survivor.tick();
        fixture.clock.advance(Duration.ofMinutes(5));
        survivor.tick();
        survivor.channelGone("someone-else", "AMI Hangup of another channel");
        assertThat(seatState(survivor, "1")).as("the conversation goes on without its node").isEqualTo("oncall");

        survivor.channelGone("talking", "AMI Hangup on pbx1");

        eventually(() -> seatState(survivor, "1").equals("wrapup"));
        assertThat(seatInRedis(survivor, "1").path("calls").asInt()).as("counted as a handled call").isEqualTo(1);
    }

    @Test
    void aDeadNodesSeatIsFreedOnceAsteriskNoLongerListsTheCaller() {
        CallDistributor dying = fixture.node("node-a", setup, callbacks::add);
        Set<String> alive = ConcurrentHashMap.newKeySet();
        alive.add("talking");
        CallDistributor survivor = fixture.unstartedNode("node-b", setup)
                .askChannelsOf(() -> new CallChannels.Alive(alive, true)).handCallbacksTo(callbacks::add).start();
        await(dying.login("1"));
        SeatOffer offer = await(dying.enqueue(call("talking", "general", "normal")));
        await(dying.answered(offer));
        dying.close();
        fixture.clock.advance(Duration.ofSeconds(16));
        survivor.tick();

        alive.clear();   // the caller hung up while this node's AMI link was away: no Hangup seen
        fixture.clock.advance(SeatSettlement.CHECK_EVERY);
        survivor.tick();

        eventually(() -> seatState(survivor, "1").equals("wrapup"));
    }

    /** A callback's conversation runs on the seat's channel (AMI Originate), which the dying node reported. */
    @Test
    void aDeadNodesCallbackConversationKeepsItsSeatWhileTheSeatChannelIsInItsDialAndFreesItAfter()
            throws InterruptedException {
        CallDistributor dying = fixture.node("node-a", setup, callbacks::add);
        Set<String> dialing = ConcurrentHashMap.newKeySet();
        CallDistributor survivor = fixture.unstartedNode("node-b", setup)
                .askChannelsOf(() -> new CallChannels.Alive(dialing, true)).handCallbacksTo(callbacks::add).start();
        await(dying.enqueueCallback(call("cb-1", "general", "normal")));
        await(dying.login("1"));   // its turn: seat 1 reserved, node-a dials seat then citizen
        eventually(() -> callbacks.size() == 1);
        SeatOffer offer = callbacks.get(0);
        dialing.add("seat-channel-1");
        await(dying.answered(offer, "seat-channel-1"));
        dying.close();

        fixture.clock.advance(Duration.ofSeconds(16));
        survivor.tick();
        fixture.clock.advance(Duration.ofMinutes(5));
        survivor.tick();
        survivor.channelGone("cb-1", "a Hangup of some channel with the callback's id as its unique id");
        Thread.sleep(300);   // what a wrongly settled orphan would take
        assertThat(seatState(survivor, "1")).as("seat and citizen still talk").isEqualTo("oncall");

        dialing.clear();   // the conversation ended while no node's AMI saw it
        fixture.clock.advance(SeatSettlement.CHECK_EVERY);
        survivor.tick();

        eventually(() -> seatState(survivor, "1").equals("wrapup"));
        assertThat(seatInRedis(survivor, "1").path("calls").asInt()).as("counted as a handled call").isEqualTo(1);
    }

    @Test
    void aCallbackBeingDialedWhenItsNodeDiesIsDialedAgainByALiveNode() {
        CallDistributor dying = fixture.node("node-a", setup, callbacks::add);
        List<SeatOffer> survivorDials = new CopyOnWriteArrayList<>();
        CallDistributor survivor = fixture.node("node-b", setup, survivorDials::add);   // no AMI: nobody can tell
        await(dying.enqueueCallback(call("cb-2", "general", "normal")));
        await(dying.login("1"));
        eventually(() -> callbacks.size() == 1);
        dying.close();

        fixture.clock.advance(Duration.ofSeconds(16));
        survivor.tick();
        assertThat(seatState(survivor, "1")).as("the seat may be ringing without node-a").isEqualTo("offered");
        fixture.clock.advance(Duration.ofSeconds(60));
        survivor.tick();

        eventually(() -> survivorDials.size() == 1);
        assertThat(survivorDials.get(0).callId()).as("the citizen is still owed the callback").isEqualTo("cb-2");
        assertThat(survivorDials.get(0).seatId()).isEqualTo("1");
        assertThat(queueCounter(survivor, "lost")).as("not lost").isZero();
    }

    private static long queueCounter(CallDistributor node, String name) {
        com.fasterxml.jackson.databind.JsonNode counters = CallDistributorRoutingTest.queueStats(node, "general")
                .path("counters");
        for (int i = 0; i + 1 < counters.size(); i += 2) {
            if (counters.get(i).asText().equals(name)) {
                return counters.get(i + 1).asLong();
            }
        }
        return 0;
    }

    @Test
    void anOperatorOnACallCanLogOutAndIsOfferedNoFurtherCall() {
        CallDistributor node = fixture.node("node-a", setup, callbacks::add);
        await(node.login("1"));
        SeatOffer offer = await(node.enqueue(call("c1", "general", "normal")));
        await(node.answered(offer));
        CompletableFuture<SeatOffer> next = enqueued(node, call("c2", "general", "normal"));

        await(node.logout("1"));
        assertThat(seatState(node, "1")).as("the call goes on").isEqualTo("oncall");
        await(node.hangupAfterCall(offer));

        assertThat(seatState(node, "1")).isEqualTo("out");
        assertThat(next).isNotDone();
        await(node.login("2"));
        assertThat(await(next).seatId()).isEqualTo("2");
    }

    @Test
    void anOperatorLoggingOutWhileRingingGoesOutWhenTheRingEnds() {
        CallDistributor node = fixture.node("node-a", setup, callbacks::add);
        await(node.login("1"));
        SeatOffer offer = await(node.enqueue(call("c1", "general", "normal")));

        await(node.logout("1"));
        SeatOffer again = await(node.ringNoAnswer(offer).toCompletableFuture().completeOnTimeout(null, 300,
                java.util.concurrent.TimeUnit.MILLISECONDS));

        assertThat(again).as("no seat left for the call").isNull();
        assertThat(seatState(node, "1")).isEqualTo("out");
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aSeatLeftRingingByALiveNodeIsPausedWhenTheOfferExpiresAndTheCallKeepsTheHead() {
        CallDistributor node = fixture.node("node-a", setup, callbacks::add);
        await(node.login("1"));
        SeatOffer offer = await(node.enqueue(call("c1", "general", "normal")));
        enqueued(node, call("c2", "general", "urgent"));

        fixture.clock.advance(Duration.ofSeconds(29));
        node.tick();
        assertThat(seatState(node, "1")).isEqualTo("offered");
        fixture.clock.advance(Duration.ofSeconds(1));
        node.tick();

        assertThat(offer.ringTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(seatState(node, "1")).isEqualTo("paused");
        assertThat(seatInRedis(node, "1").path("reason").asText()).isEqualTo("no answer");
        assertThat(await(node.position(call("c1", "general", "normal")))).isEqualTo(1);
    }

    @Test
    void scriptsAreLoadedAgainWhenRedisHasForgottenThem() {
        CallDistributor node = fixture.node("node-a", setup, callbacks::add);
        await(node.login("1"));
        long before = node.roundTrips();
        fixture.gateway().call("flush scripts", jedis -> jedis.scriptFlush());

        SeatOffer offer = await(node.enqueue(call("c1", "general", "normal")));

        assertThat(offer.seatId()).isEqualTo("1");
        assertThat(node.roundTrips() - before).as("NOSCRIPT, SCRIPT LOAD, EVALSHA again").isEqualTo(3);
    }
}
