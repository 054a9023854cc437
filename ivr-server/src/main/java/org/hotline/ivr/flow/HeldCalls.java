package org.hotline.ivr.flow;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.redis.RedisGateway;

/**
 * What a seat asked of its call beyond the conversation, for the caller's hold loop, which owns the caller's
 * channel: the seat put the caller on hold (its phone's channel waits in {@code [ivr-seat-hold]}, the caller hears
 * hold music from the loop), asked to take them back, or handed them to another queue. The console writes the
 * request before it moves the seat's channel over AMI, so when the seat leaves the bridge and the loop's Dial (or
 * Bridge) returns, the loop reads what to do instead of ending the call. In Redis ({@code ivr:{hold}:<call>}), so
 * any node's console can ask for a call another node's loop holds.
 */
public final class HeldCalls {

    /** What the hold loop does with the caller next. */
    public enum State {
        /** The caller hears hold music; the seat's channel waits. */
        HELD,
        /** The seat asked for the caller back: the loop bridges them to the seat's channel again. */
        RESUME,
        /** Bridged to the seat again after a hold (a further hold is read as HELD). */
        TALKING,
        /** Handed to another queue: the loop queues the caller there (its position starts again at the end). */
        REQUEUE,
        /** The seat hung up while the caller was held: the loop ends the conversation. */
        ENDED
    }

    /**
     * @param seatChannel the seat's channel as Asterisk names it (PJSIP/1001-00000012), to bridge back to
     * @param queue       for REQUEUE: the queue to wait in
     * @param sinceMillis when the state was entered
     */
    public record Hold(State state, String seatChannel, String queue, long sinceMillis) {
    }

    /** Calls hold only while a seat works on them; an abandoned record must not outlive a day's shift. */
    private static final long TTL_SECONDS = 4 * 3600;

    private final RedisGateway redis;

    /** With {@code redis} null nothing is ever held (nodes and tests without a console). */
    public HeldCalls(RedisGateway redis) {
        this.redis = redis;
    }

    public static HeldCalls none() {
        return new HeldCalls(null);
    }

    static String key(String callId) {
        return "ivr:{hold}:" + callId;
    }

    /** The seat puts the caller on hold; {@code seatChannel} is where to bring them back to. */
    public void hold(String callId, String seatChannel) {
        write(callId, State.HELD, Map.of("seat", seatChannel, "queue", ""));
    }

    public void resume(String callId) {
        write(callId, State.RESUME, Map.of());
    }

    public void requeue(String callId, String queue) {
        write(callId, State.REQUEUE, Map.of("queue", queue));
    }

    public void end(String callId) {
        write(callId, State.ENDED, Map.of());
    }

    /** The seat's channel hung up while the caller was held (from the AGI event loop). */
    CompletionStage<Void> endAsync(String callId) {
        return redis == null ? CompletableFuture.completedFuture(null)
                : redis.callAsync("call hold", jedis -> {
                    jedis.hset(key(callId), Map.of("state", State.ENDED.name(), "since", Long.toString(System.currentTimeMillis())));
                    return null;
                });
    }

    /** Drops the request (a console action that could not be carried out). */
    public void forget(String callId) {
        if (redis != null) {
            redis.call("call hold", jedis -> jedis.del(key(callId)));
        }
    }

    /** The current request, if the seat made one for this call. */
    public Optional<Hold> get(String callId) {
        if (redis == null) {
            return Optional.empty();
        }
        return parse(redis.call("call hold", jedis -> jedis.hgetAll(key(callId))));
    }

    /** The same off the AGI event loop, for the hold loop. */
    CompletionStage<Optional<Hold>> read(String callId) {
        if (redis == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return redis.callAsync("call hold", jedis -> parse(jedis.hgetAll(key(callId))));
    }

    /** The loop bridged the caller back to the seat. */
    CompletionStage<Void> talking(String callId) {
        return redis == null ? CompletableFuture.completedFuture(null)
                : redis.callAsync("call hold", jedis -> {
                    jedis.hset(key(callId), Map.of("state", State.TALKING.name(), "since", Long.toString(System.currentTimeMillis())));
                    return null;
                });
    }

    /** The conversation is over (or the call left the seat): nothing to hold any more. */
    CompletionStage<Void> clear(String callId) {
        return redis == null ? CompletableFuture.completedFuture(null)
                : redis.callAsync("call hold", jedis -> {
                    jedis.del(key(callId));
                    return null;
                });
    }

    private void write(String callId, State state, Map<String, String> fields) {
        if (redis == null) {
            throw new IllegalStateException("this node keeps no call holds");
        }
        redis.call("call hold", jedis -> {
            String key = key(callId);
            java.util.Map<String, String> all = new java.util.HashMap<>(fields);
            all.put("state", state.name());
            all.put("since", Long.toString(System.currentTimeMillis()));
            jedis.hset(key, all);
            jedis.expire(key, TTL_SECONDS);
            return null;
        });
    }

    private static Optional<Hold> parse(Map<String, String> fields) {
        if (fields == null || fields.isEmpty() || !fields.containsKey("state")) {
            return Optional.empty();
        }
        State state;
        try {
            state = State.valueOf(fields.get("state"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new Hold(state, fields.getOrDefault("seat", ""), fields.getOrDefault("queue", ""),
                Long.parseLong(fields.getOrDefault("since", "0"))));
    }
}
