package org.hotline.ivr.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.redis.RedisGateway;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The stream downstream work-order systems read with consumer groups ({@code XREADGROUP}): one entry per
 * {@code drafted}, {@code updated}, {@code submitted} or {@code closed} order, carrying the order id
 * (read the order itself for its fields). Delivery is at least once: a consumer must tolerate a repeat.
 */
final class OrderEvents {

    /** Roughly a week of a large city's traffic; older entries are trimmed (the orders themselves stay). */
    private static final long KEEP = 500_000;

    private final RedisGateway redis;
    private final OrderKeys keys;

    OrderEvents(RedisGateway redis, OrderKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    void publish(String type, String orderId, String at, Map<String, String> details) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("type", type);
        entry.put("orderId", orderId);
        entry.put("at", at);
        details.forEach((key, value) -> entry.put(key, value == null ? "" : value));
        redis.call("publish order event", jedis ->
                jedis.xadd(keys.events(), XAddParams.xAddParams().maxLen(KEEP).approximateTrimming(), entry));
    }

    String stream() {
        return keys.events();
    }

    /** Entries after {@code afterId} (exclusive), oldest first, at most {@code max}. */
    List<OrderEvent> after(String afterId, int max) {
        StreamEntryID from = new StreamEntryID(afterId);
        List<StreamEntry> entries = redis.call("read order events",
                jedis -> jedis.xrange(keys.events(), from, StreamEntryID.MAXIMUM_ID, max + 1));
        List<OrderEvent> events = new ArrayList<>();
        for (StreamEntry entry : entries) {
            // XRANGE's start is inclusive (exclusive ranges need Redis 6.2): the cursor's own entry is skipped here.
            if (entry.getID().equals(from) || events.size() == max) {
                continue;
            }
            Map<String, String> fields = entry.getFields();
            events.add(new OrderEvent(entry.getID().toString(), fields.getOrDefault("type", ""),
                    fields.getOrDefault("orderId", "")));
        }
        return events;
    }
}
