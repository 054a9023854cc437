package org.hotline.ivr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real redis-server that is stopped and started again under the gateway's feet. */
class RedisGatewayTest {

    @TempDir
    Path data;

    // Patient enough for a redis-server restart on a busy machine (about 4.5 s of retries in all).
    private static final RetryPolicy FAST = new RetryPolicy(8, Duration.ofMillis(50), Duration.ofSeconds(1));

    @Test
    void writesPersistInAppendOnlyFileAcrossARestart() {
        int port;
        try (EmbeddedRedis redis = EmbeddedRedis.start(data);
             RedisGateway gateway = new RedisGateway(redis.url(), Duration.ofSeconds(1), FAST)) {
            port = redis.port();
            gateway.call("write", jedis -> jedis.set("ivr:test", "kept"));
        }
        try (EmbeddedRedis again = EmbeddedRedis.start(data, port);
             RedisGateway gateway = new RedisGateway(again.url(), Duration.ofSeconds(1), FAST)) {
            assertThat(gateway.<String>call("read", jedis -> jedis.get("ivr:test"))).isEqualTo("kept");
        }
    }

    @Test
    void redisGoingAwayGivesAClearErrorAndRecoversWhenItReturns() throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(data);
        int port = redis.port();
        try (RedisGateway gateway = new RedisGateway(redis.url(), Duration.ofMillis(500), FAST);
             RedisHealthProbe health = new RedisHealthProbe(gateway)) {
            assertThat(health.check().up()).isTrue();
            redis.stop();
            assertThatThrownBy(() -> gateway.call("set call state", jedis -> jedis.set("k", "v")))
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageStartingWith("Redis unavailable for set call state");
            assertThat(gateway.up()).isFalse();
            assertThat(health.check().up()).isFalse();

            // An operation started during the outage succeeds once Redis is back within its retries.
            CompletableFuture<String> during = gateway.callAsync("retry while down",
                    jedis -> jedis.set("k", "written-after-outage")).toCompletableFuture();
            Thread.sleep(150);
            redis = EmbeddedRedis.start(data, port);
            assertThat(during.get(10, TimeUnit.SECONDS)).isEqualTo("OK");
            assertThat(gateway.up()).isTrue();
            assertThat(gateway.<String>call("read", jedis -> jedis.get("k"))).isEqualTo("written-after-outage");
        } finally {
            redis.stop();
        }
    }

    @Test
    void onAnEventLoopAnOutageFailsAtOnceInsteadOfSleepingThroughTheBackoff() throws Exception {
        int nobody;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            nobody = probe.getLocalPort();
        }
        // Off an event loop this policy keeps trying for 20 s; on one it must not wait at all.
        try (RedisGateway gateway = new RedisGateway("redis://127.0.0.1:" + nobody, Duration.ofMillis(500),
                RetryPolicy.covering(Duration.ofSeconds(20)));
             org.hotline.ivr.ops.NettyTransport loops = new org.hotline.ivr.ops.NettyTransport("loop-test", 1)) {
            long started = System.nanoTime();
            java.util.concurrent.Future<?> onLoop = loops.workers().next().submit(() -> gateway.call("read on a loop",
                    jedis -> jedis.get("k")));
            assertThatThrownBy(() -> onLoop.get(15, TimeUnit.SECONDS)).hasCauseInstanceOf(RedisUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofSeconds(1));
    }
}
