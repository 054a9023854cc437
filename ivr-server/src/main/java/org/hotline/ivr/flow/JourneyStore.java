package org.hotline.ivr.flow;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each call's journey in Redis, for the seat console and reports: hash {@code ivr:call:<id>} (flow, version,
 * caller, language, outcome, keys, transcript, order id, queue) and list {@code ivr:call:<id>:journey} with one
 * JSON entry per node passed (at, flow, node, type, input, result), and notes (type {@value #NOTE}) between them. Writes of one call are chained so they
 * land in order, off the event loop. Both keys expire {@code ttl} after the call ends: at tens of thousands of
 * calls a day they would otherwise fill Redis, and the draft order keeps what outlives the call.
 */
public final class JourneyStore {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Logger log = LoggerFactory.getLogger(JourneyStore.class);

    /**
     * What Redis holds for one call: the nodes passed ({@code steps}, the call's path) and, apart, the journal's
     * notes about them ({@code notes}: entries of type {@value #NOTE}, e.g. "draft order ... written").
     */
    public record Journey(Map<String, String> call, List<Map<String, String>> steps, List<Map<String, String>> notes) {
    }

    /** The type of a journal entry that records what happened at a node without being a step of the path. */
    public static final String NOTE = "note";

    private final RedisGateway redis;
    private final Duration ttl;
    /** This node's open calls, or null where nothing tracks them (tools, tests reading journeys). */
    private final NodeCalls open;
    private static final String CLOSE_LOST = """
            if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HEXISTS', KEYS[1], 'outcome') == 0 then
              redis.call('HSET', KEYS[1], 'ended', ARGV[1], 'outcome', ARGV[2])
            end
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return 1
            """;

    public JourneyStore(RedisGateway redis, Duration ttl) {
        this(redis, ttl, null);
    }

    /** Records that {@code open} tracks from their start to their end, for closing when their node dies. */
    public JourneyStore(RedisGateway redis, Duration ttl, NodeCalls open) {
        this.redis = redis;
        this.ttl = ttl;
        this.open = open;
    }

    public static String key(String callId) {
        return "ivr:call:" + callId;
    }

    /** The writer for one call. */
    Writer open(CallContext call) {
        return new Writer(call.callId());
    }

    public Journey read(String callId) {
        Map<String, String> fields = redis.call("journey read", jedis -> jedis.hgetAll(key(callId)));
        List<String> entries = redis.call("journey read", jedis -> jedis.lrange(key(callId) + ":journey", 0, -1));
        List<Map<String, String>> steps = new ArrayList<>();
        List<Map<String, String>> notes = new ArrayList<>();
        for (String entry : entries) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, String> step = JSON.readValue(entry, LinkedHashMap.class);
                (NOTE.equals(step.get("type")) ? notes : steps).add(step);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("journey entry of " + callId + " is not JSON: " + entry, e);
            }
        }
        return new Journey(fields, steps, notes);
    }

    /**
     * Closes a record its node left open (it died): outcome {@code outcome} unless the call ended after all, and
     * the record expires like any other.
     */
    void closeLost(String callId, String outcome) {
        redis.call("journey close", jedis -> {
            jedis.eval(CLOSE_LOST, List.of(key(callId)), List.of(Instant.now().toString(), outcome,
                    Long.toString(ttl.toSeconds())));
            return jedis.expire(key(callId) + ":journey", ttl.toSeconds());
        });
    }

    /**
     * Writes of one call, in order, off the event loop. A write Redis does not take stays queued and goes with the
     * next one (or at the end of the call): a caller sent to the operators while Redis was away still has a journal
     * saying so, once Redis is back before the call ends.
     */
    final class Writer {
        private final String key;
        private final Deque<Function<UnifiedJedis, ?>> unwritten = new ConcurrentLinkedDeque<>();
        private CompletionStage<?> last = CompletableFuture.completedFuture(null);

        private Writer(String callId) {
            this.key = key(callId);
        }

        synchronized void started(CallContext call) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("flow", call.flow().name());
            fields.put("version", call.flow().version());
            fields.put("caller", call.callerId());
            fields.put("channel", call.call().request().channel());
            fields.put("language", call.language());
            fields.put("started", Instant.now().toString());
            String callId = call.callId();
            chain(jedis -> {
                if (open != null) {
                    open.opened(jedis, callId);
                }
                return jedis.hset(key, fields);
            });
        }

        synchronized void step(CallContext.PathStep step) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("at", step.at().toString());
            entry.put("flow", step.flow());
            entry.put("node", step.node());
            entry.put("type", step.type());
            entry.put("input", step.input());
            entry.put("result", step.result());
            String json = json(entry);
            chain(jedis -> jedis.rpush(key + ":journey", json));
        }

        synchronized CompletionStage<?> ended(CallContext call, String outcome) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("ended", Instant.now().toString());
            fields.put("outcome", outcome);
            fields.put("language", call.language());
            fields.put("keys", call.keys());
            fields.put("transcript", call.transcript());
            fields.put("orderId", call.orderId());
            fields.put("queue", call.queue());
            fields.put("variables", json(call.variables()));
            chain(jedis -> jedis.hset(key, fields));
            String callId = call.callId();
            chain(jedis -> {
                jedis.expire(key, ttl.toSeconds());
                if (open != null) {
                    open.closed(jedis, callId);
                }
                return jedis.expire(key + ":journey", ttl.toSeconds());
            });
            return last.handle((x, e) -> {
                if (e != null) {
                    log.warn("journal {} not completed, Redis unreachable: {} write(s) lost with the call", key,
                            unwritten.size());
                }
                return null;
            });
        }

        private void chain(Function<UnifiedJedis, ?> write) {
            unwritten.add(write);
            last = last.handle((x, e) -> null).thenCompose(x -> redis.callAsync("journey", jedis -> {
                for (Function<UnifiedJedis, ?> next = unwritten.peek(); next != null; next = unwritten.peek()) {
                    next.apply(jedis);
                    unwritten.poll();
                }
                return null;
            }));
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
