package org.hotline.ivr.demo;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.redis.RedisGateway;

/**
 * Writes a call's steps to Redis as they happen: the journey's hash ({@link JourneyStore#key}) for the call, as
 * flows do, and list {@code <that key>:steps} for the demo's steps. Writes are chained so they land in order, off the event loop.
 */
public final class CallJournal {

    private final RedisGateway redis;
    private final String key;
    private CompletionStage<?> last = CompletableFuture.completedFuture(null);

    public CallJournal(RedisGateway redis, String callId) {
        this.redis = redis;
        this.key = JourneyStore.key(callId);
    }

    public synchronized void started(Map<String, String> fields) {
        last = last.thenCompose(x -> redis.callAsync("journal start", jedis -> jedis.hset(key, fields)));
    }

    public synchronized void step(String node, String result) {
        String entry = Instant.now() + " " + node + " " + result;
        last = last.thenCompose(x -> redis.callAsync("journal step", jedis -> jedis.rpush(key + ":steps", entry)));
    }

    public synchronized CompletionStage<?> ended(String outcome) {
        Map<String, String> fields = Map.of("ended", Instant.now().toString(), "outcome", outcome);
        last = last.thenCompose(x -> redis.callAsync("journal end", jedis -> jedis.hset(key, fields)));
        return last;
    }
}
