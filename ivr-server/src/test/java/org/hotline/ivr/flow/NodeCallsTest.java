package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records a dead node left open are closed (node-lost) at its restart or by a live node once its lease expired. */
class NodeCallsTest {

    @RegisterExtension
    static final RedisUnderTest redisUnderTest = new RedisUnderTest();

    private static final Duration TTL = Duration.ofDays(7);

    @Test
    void aRestartedNodeClosesTheRecordsItsLastProcessLeftOpenBeforeTakingCalls() {
        RedisGateway redis = redisUnderTest.gateway();
        NodeCalls lastLife = new NodeCalls(redis, "node-a", Duration.ofSeconds(15));
        openCall(redis, lastLife, "in-menu");
        openCall(redis, lastLife, "describing");
        // (no close: kill -9)

        try (NodeCalls restarted = new NodeCalls(redis, "node-a", Duration.ofSeconds(15))) {
            restarted.start(new JourneyStore(redis, TTL, restarted), new CallsInIvr(redis, Clock.systemUTC()));

            for (String call : new String[] {"in-menu", "describing"}) {
                assertClosedAsLost(redis, call);
            }
            assertThat(new CallsInIvr(redis, Clock.systemUTC()).count()).isZero();
        }
    }

    @Test
    void aLiveNodeClosesTheRecordsOfANodeWhoseLeaseExpiredAndLeavesFinishedCallsAlone() throws Exception {
        RedisGateway redis = redisUnderTest.gateway();
        Duration deadAfter = Duration.ofMillis(900);
        NodeCalls dying = new NodeCalls(redis, "node-a", deadAfter);
        dying.start(new JourneyStore(redis, TTL, dying), new CallsInIvr(redis, Clock.systemUTC()));
        openCall(redis, dying, "waiting");
        openCall(redis, dying, "just-ended");
        redis.call("end", jedis -> jedis.hset(JourneyStore.key("just-ended"), "outcome", "caller-hangup"));
        try (NodeCalls survivor = new NodeCalls(redis, "node-b", deadAfter)) {
            survivor.start(new JourneyStore(redis, TTL, survivor), new CallsInIvr(redis, Clock.systemUTC()));
            Thread.sleep(2 * deadAfter.toMillis());
            assertThat(outcome(redis, "waiting")).as("node-a renews its lease: alive").isNull();

            dying.close();   // its lease is no longer renewed

            eventually(() -> NodeCalls.NODE_LOST.equals(outcome(redis, "waiting")));
            assertClosedAsLost(redis, "waiting");
            assertThat(outcome(redis, "just-ended")).isEqualTo("caller-hangup");
            eventually(() -> !redis.call("nodes", jedis -> jedis.sismember(NodeCalls.NODES, "node-a")));
        }
    }

    /** What a call's start writes: its record, its place among the node's open calls, and the IVR's count. */
    private static void openCall(RedisGateway redis, NodeCalls node, String callId) {
        redis.call("open", jedis -> {
            node.opened(jedis, callId);
            jedis.rpush(JourneyStore.key(callId) + ":journey", "{\"node\":\"main-menu\"}");
            jedis.zadd(CallsInIvr.KEY, System.currentTimeMillis(), callId);
            return jedis.hset(JourneyStore.key(callId), Map.of("flow", "12345", "started", "now"));
        });
    }

    private static String outcome(RedisGateway redis, String callId) {
        return redis.call("read", jedis -> jedis.hget(JourneyStore.key(callId), "outcome"));
    }

    private static void assertClosedAsLost(RedisGateway redis, String callId) {
        assertThat(outcome(redis, callId)).isEqualTo(NodeCalls.NODE_LOST);
        long recordTtl = redis.call("ttl", jedis -> jedis.ttl(JourneyStore.key(callId)));
        long journeyTtl = redis.call("ttl", jedis -> jedis.ttl(JourneyStore.key(callId) + ":journey"));
        Double inIvr = redis.call("in ivr", jedis -> jedis.zscore(CallsInIvr.KEY, callId));
        assertThat(recordTtl).as("expires like any call").isPositive();
        assertThat(journeyTtl).isPositive();
        assertThat(inIvr).isNull();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
