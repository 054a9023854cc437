package org.hotline.ivr.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.queue.CallDistributorRoutingTest.seatInRedis;
import static org.hotline.ivr.queue.QueueFixture.await;
import static org.hotline.ivr.queue.QueueFixture.call;
import static org.hotline.ivr.queue.QueueFixture.enqueued;
import static org.hotline.ivr.queue.QueueFixture.seat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the seat console uses the distributor: seats log in paused, and a seat in wrap-up still names its call. */
class SeatLoginPausedTest {

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();

    private QueueFixture fixture;
    private CallDistributor distributor;

    @BeforeEach
    void start() throws Exception {
        fixture = new QueueFixture(redis);
        distributor = fixture.node("node-a", QueueFixture.setup(List.of(seat("1", Map.of("general", 5), "zh"))),
                offer -> { });
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aSeatLoggedInPausedTakesNoCallUntilItGoesReady() {
        await(distributor.loginPaused("1", "login"));
        assertThat(seatInRedis(distributor, "1").path("state").asText()).isEqualTo("paused");

        CompletableFuture<SeatOffer> offer = enqueued(distributor, call("c1", "general", "normal"));
        assertThat(offer).isNotDone();

        await(distributor.ready("1"));
        assertThat(await(offer).seatId()).isEqualTo("1");
    }

    @Test
    void aSeatInWrapUpKeepsTheCallItWrapsUpAsLastCall() {
        await(distributor.login("1"));
        SeatOffer offer = await(distributor.enqueue(call("c2", "general", "normal")));
        await(distributor.answered(offer));
        await(distributor.hangupAfterCall(offer));

        String key = QueueKeys.seat(distributor.setup().seat("1").orElseThrow().group(), "1");
        Map<String, String> seat = fixture.gateway().call("read seat", jedis -> jedis.hgetAll(key));
        assertThat(seat).containsEntry("state", "wrapup").containsEntry("call", "").containsEntry("lastCall", "c2");
    }
}
