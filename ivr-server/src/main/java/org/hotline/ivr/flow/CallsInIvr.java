package org.hotline.ivr.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * The calls in the IVR right now, across all nodes: a call is in from the moment its flow starts until it is
 * handed to a queue or another line, or its flow ends. Kept in one Redis sorted set ({@value #KEY}: call id →
 * when its flow last moved), so the wallboard's figure is one cheap read; a call whose flow has not moved for
 * {@link #SILENT} was left behind by a node that died, and is dropped as the set is read. Writes are asynchronous
 * and, for one call, in order: they never hold up the call.
 */
public final class CallsInIvr {

    public static final String KEY = "ivr:flow:in-ivr";
    /**
     * No node keeps a caller this long without moving on: menus time out in seconds and a description ends by
     * {@code audio.maxDescription}; only a dead node leaves an entry this old.
     */
    static final Duration SILENT = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(CallsInIvr.class);

    private final RedisGateway redis;
    private final Clock clock;

    public CallsInIvr(RedisGateway redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** How many calls are in the IVR now (one Redis round trip; call it off the event loop). */
    public int count() {
        long stale = clock.millis() - SILENT.toMillis();
        return redis.call("calls in IVR", jedis -> {
            jedis.zremrangeByScore(KEY, Double.NEGATIVE_INFINITY, stale);
            return (int) jedis.zcard(KEY);
        });
    }

    /** A call its node left in the IVR when it died: out now, not after {@link #SILENT}. */
    void remove(String callId) {
        redis.call("calls in IVR", jedis -> jedis.zrem(KEY, callId));
    }

    /**
     * One call's presence: {@link Presence#enter}, {@link Presence#moved} at each node, {@link Presence#leave}
     * (each idempotent; a call back from a failed transfer enters again), written in that order.
     */
    Presence presence(String callId) {
        return new Presence(callId);
    }

    final class Presence {
        private final String callId;
        private CompletionStage<?> last = CompletableFuture.completedFuture(null);
        private boolean in;

        private Presence(String callId) {
            this.callId = callId;
        }

        synchronized void enter() {
            if (!in) {
                in = true;
                long now = clock.millis();
                chain(jedis -> jedis.zadd(KEY, now, callId));
            }
        }

        /** The flow moved on: the call is not one a dead node left behind. */
        synchronized void moved() {
            if (in) {
                long now = clock.millis();
                chain(jedis -> jedis.zadd(KEY, now, callId, ZAddParams.zAddParams().xx()));
            }
        }

        synchronized void leave() {
            if (in) {
                in = false;
                chain(jedis -> jedis.zrem(KEY, callId));
            }
        }

        private void chain(Function<UnifiedJedis, ?> write) {
            last = last.handle((x, e) -> null).thenCompose(x -> redis.callAsync("calls in IVR", write))
                    .exceptionally(e -> {
                        log.warn("call {}: IVR presence not written: {}", callId, e.getMessage());
                        return null;
                    });
        }
    }
}
