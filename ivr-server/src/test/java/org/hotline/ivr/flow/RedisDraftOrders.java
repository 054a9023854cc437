package org.hotline.ivr.flow;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.hotline.ivr.redis.RedisGateway;

/**
 * A test stand-in (flow-engine tests without the order part; production runs OrderPartDrafts): the draft is the call's raw material (caller, language, menu path,
 * transcript, variables) in hash {@code ivr:order:draft:<callId>}, written before the call is queued.
 */
public final class RedisDraftOrders implements FlowServices.DraftOrders {

    private static final ObjectMapper JSON = Json.mapper();

    private final RedisGateway redis;

    public RedisDraftOrders(RedisGateway redis) {
        this.redis = redis;
    }

    public static String key(String callId) {
        return "ivr:order:draft:" + callId;
    }

    @Override
    public CompletionStage<String> draft(CallContext call) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("callId", call.callId());
        fields.put("caller", call.callerId());
        fields.put("language", call.language());
        fields.put("flow", call.flow().name());
        fields.put("path", call.path().stream().map(CallContext.PathStep::node).collect(Collectors.joining(" > ")));
        fields.put("transcript", call.transcript());
        fields.put("variables", json(call.variables()));
        fields.put("created", Instant.now().toString());
        String id = "draft-" + call.callId();
        return redis.callAsync("draft order", jedis -> jedis.hset(key(call.callId()), fields)).thenApply(n -> id);
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
