package org.hotline.ivr.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.ivr.queue.MutableClock;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pending callback retries in real Redis: what one node scheduled, another (or the same, restarted) queues. */
class CallbackRetriesTest {

    private static final WaitingCall CALL = new WaitingCall("1764000000.9", "zh-general", "elderly", "zh", "13900139000");

    @TempDir
    Path data;
    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private final MutableClock clock = new MutableClock(1_764_000_000_000L);

    @BeforeEach
    void start() {
        redisServer = EmbeddedRedis.start(data);
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
    }

    @AfterEach
    void stop() {
        redis.close();
        redisServer.close();
    }

    @Test
    void aRetryScheduledBeforeARestartIsQueuedAfterItWithItsLanguageAndClass() {
        new CallbackRetries(redis, clock).retryAfter(CALL, Duration.ofMinutes(5));
        CallbackRetries restarted = new CallbackRetries(redis, clock);
        List<WaitingCall> queued = new CopyOnWriteArrayList<>();

        assertThat(restarted.poll(20, queued::add)).as("not due yet").isZero();
        clock.advance(Duration.ofMinutes(5));
        assertThat(restarted.poll(20, queued::add)).isEqualTo(1);

        assertThat(queued).containsExactly(CALL);
        assertThat(restarted.dueAt(CALL.callId())).isEmpty();
    }

    @Test
    void aRetryThatCouldNotBeQueuedIsTriedAgainOnceItsLeaseEnds() {
        CallbackRetries retries = new CallbackRetries(redis, clock);
        retries.retryAfter(CALL, Duration.ZERO);

        assertThat(retries.poll(20, call -> {
            throw new IllegalStateException("queue script failed");
        })).isEqualTo(1);
        assertThat(retries.dueAt(CALL.callId())).contains(clock.instant().plus(CallbackRetries.LEASE));
        assertThat(retries.poll(20, call -> true)).as("leased").isZero();

        clock.advance(CallbackRetries.LEASE);
        List<WaitingCall> queued = new CopyOnWriteArrayList<>();
        assertThat(retries.poll(20, queued::add)).isEqualTo(1);
        assertThat(queued).containsExactly(CALL);
    }

    @Test
    void citizenTriesAreCountedPerCallUntilForgotten() {
        CallbackRetries retries = new CallbackRetries(redis, clock);
        assertThat(retries.citizenNotReached("a")).isEqualTo(1);
        assertThat(new CallbackRetries(redis, clock).citizenNotReached("a")).isEqualTo(2);
        retries.forget("a");
        assertThat(retries.citizenNotReached("a")).isEqualTo(1);
    }
}
