package org.hotline.ivr.queue;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.hotline.ivr.redis.RedisGateway;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One of the queue scripts ({@code distributor.lua}, {@code queue-views.lua}) by EVALSHA: loaded once
 * with SCRIPT LOAD, reloaded when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH). One call
 * here is one Redis round trip, except right after a reload.
 */
final class DistributorScript {

    private static final ObjectMapper JSON = Json.mapper();

    private final RedisGateway redis;
    private final String source;
    private final LongAdder roundTrips = new LongAdder();
    private volatile String sha;

    DistributorScript(RedisGateway redis, String resource) {
        this.redis = redis;
        try (InputStream in = DistributorScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the classpath");
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} for the group of {@code tag}; a refusal by the script becomes a {@link QueueStateException}. */
    JsonNode run(String tag, String command, long now, String node, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 3);
        argv.add(command);
        argv.add(Long.toString(now));
        argv.add(node);
        argv.addAll(args);
        List<String> keys = List.of(tag);
        String reply = redis.call("queue " + command, jedis -> (String) evalsha(jedis, tag, keys, argv));
        JsonNode result = parse(reply);
        if (result.hasNonNull("error")) {
            throw new QueueStateException(result.get("error").asText());
        }
        return result;
    }

    /** EVALSHA calls made so far (reloads included): the benchmark's round-trip count. */
    long roundTrips() {
        return roundTrips.sum();
    }

    private Object evalsha(UnifiedJedis jedis, String tag, List<String> keys, List<String> argv) {
        String current = sha;
        if (current == null) {
            current = load(jedis, tag);
        }
        try {
            roundTrips.increment();
            return jedis.evalsha(current, keys, argv);
        } catch (JedisNoScriptException e) {
            roundTrips.increment();
            return jedis.evalsha(load(jedis, tag), keys, argv);
        }
    }

    private String load(UnifiedJedis jedis, String tag) {
        roundTrips.increment();
        String loaded = jedis.scriptLoad(source, tag);
        sha = loaded;
        return loaded;
    }

    private static JsonNode parse(String reply) {
        try {
            return JSON.readTree(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a queue script returned something that is not JSON: " + reply, e);
        }
    }
}
