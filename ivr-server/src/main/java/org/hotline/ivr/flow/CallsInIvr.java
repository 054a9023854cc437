package org.hotline.ivr.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls in the IVR right now, across all nodes: a call is in from the moment its flow starts until it is
 * handed to a queue or its flow ends. Kept in one Redis sorted set ({@value #KEY}: call id → start time), so the
 * wallboard's figure is one cheap read; entries older than {@link #LONGEST} (a node that died mid-call) are
 * dropped as it is read. Writes are asynchronous and, for one call, in order: they never hold up the call.
 */
public final class CallsInIvr {

    public static final String KEY = "ivr:flow:in-ivr";
    /** No caller is in menus this long (timeouts and the step limit end a flow long before). */
    static final Duration LONGEST = Duration.ofHours(2);
    private static final Logger log = LoggerFactory.getLogger(CallsInIvr.class);

    private final RedisGateway redis;
    private final Clock clock;

    public CallsInIvr(RedisGateway redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** How many calls are in the IVR now (one Redis round trip; call it off the event loop). */
    public int count() {
        long stale = clock.millis() - LONGEST.toMillis();
        return redis.call("calls in IVR", jedis -> {
            jedis.zremrangeByScore(KEY, Double.NEGATIVE_INFINITY, stale);
            return (int) jedis.zcard(KEY);
        });
    }

    /** One call's presence; {@link Presence#enter} then {@link Presence#leave} (idempotent), written in that order. */
    Presence presence(String callId) {
        return new Presence(callId);
    }

    final class Presence {
        private final String callId;
        private CompletionStage<?> last = CompletableFuture.completedFuture(null);
        private boolean entered;
        private boolean left;

        private Presence(String callId) {
            this.callId = callId;
        }

        synchronized void enter() {
            if (!entered) {
                entered = true;
                long now = clock.millis();
                chain(jedis -> jedis.zadd(KEY, now, callId));
            }
        }

        synchronized void leave() {
            if (entered && !left) {
                left = true;
                chain(jedis -> jedis.zrem(KEY, callId));
            }
        }

        private void chain(java.util.function.Function<redis.clients.jedis.UnifiedJedis, ?> write) {
            last = last.handle((x, e) -> null).thenCompose(x -> redis.callAsync("calls in IVR", write))
                    .exceptionally(e -> {
                        log.warn("call {}: IVR presence not written: {}", callId, e.getMessage());
                        return null;
                    });
        }
    }
}
