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

        CallDistributor after = fixture.node("node-a", setup, callbacks::add);

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
    void whenANodeDiesItsWaitingCallsAreCleanedUpAndItsOfferedSeatIsReleased() {
        CallDistributor dying = fixture.node("node-a", setup, callbacks::add);
        CallDistributor survivor = fixture.node("node-b", setup, callbacks::add);
        enqueued(dying, call("ringing", "general", "normal"));
        enqueued(dying, call("waiting", "general", "normal"));
        assertThat(await(dying.position(call("waiting", "general", "normal")))).isEqualTo(2);
        await(survivor.login("1"));
        assertThat(seatInRedis(survivor, "1").path("call").asText()).isEqualTo("ringing");
        dying.close();

        fixture.clock.advance(Duration.ofSeconds(16));
        survivor.tick();

        assertThat(seatState(survivor, "1")).isEqualTo("ready");
        assertThat(await(survivor.position(call("waiting", "general", "normal")))).isZero();
        assertThat(await(survivor.enqueue(call("new", "general", "normal"))).seatId()).isEqualTo("1");
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
