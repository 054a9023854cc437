package org.hotline.ivr.order;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads {@code closed} events off the order stream in consumer group {@value #GROUP}, one consumer per node, so
 * each closed order is handed to exactly one node's {@code onClosed} (at least once: an entry is acknowledged
 * after its handler ran; one left unacknowledged by a crash is handed again when that node comes back). The
 * group starts at the end of the stream: orders closed before it first existed are not surveyed.
 */
public final class ClosedOrderFeed {

    public static final String GROUP = "survey";
    private static final Logger log = LoggerFactory.getLogger(ClosedOrderFeed.class);

    private final RedisGateway redis;
    private final OrderKeys keys;
    private final OrderStore store;
    private final String consumer;
    private final Consumer<DraftOrder> onClosed;
    private boolean pendingChecked;

    public ClosedOrderFeed(RedisGateway redis, OrderKeys keys, OrderStore store, String consumer,
                           Consumer<DraftOrder> onClosed) {
        this.redis = redis;
        this.keys = keys;
        this.store = store;
        this.consumer = consumer;
        this.onClosed = onClosed;
        createGroup();
    }

    private void createGroup() {
        redis.call("create survey consumer group", jedis -> {
            try {
                return jedis.xgroupCreate(keys.events(), GROUP, StreamEntryID.XGROUP_LAST_ENTRY, true);
            } catch (JedisDataException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")) {
                    return "exists";
                }
                throw e;
            }
        });
    }

    /** Hands on what arrived since the last poll (first this node's unacknowledged entries); returns how many closed. */
    public synchronized int poll() {
        StreamEntryID from = pendingChecked ? StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY : new StreamEntryID(0, 0);
        List<Map.Entry<String, List<StreamEntry>>> read = redis.call("read order events",
                jedis -> jedis.xreadGroup(GROUP, consumer, XReadGroupParams.xReadGroupParams().count(100),
                        Map.of(keys.events(), from)));
        pendingChecked = true;
        int closed = 0;
        if (read == null) {
            return 0;
        }
        for (Map.Entry<String, List<StreamEntry>> stream : read) {
            for (StreamEntry entry : stream.getValue()) {
                closed += handle(entry);
                redis.call("ack order event", jedis -> jedis.xack(keys.events(), GROUP, entry.getID()));
            }
        }
        return closed;
    }

    private int handle(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        if (!"closed".equals(fields.get("type"))) {
            return 0;
        }
        String orderId = fields.getOrDefault("orderId", "");
        try {
            store.get(orderId).ifPresentOrElse(onClosed,
                    () -> log.warn("order {} closed but no longer stored: not surveyed", orderId));
            return 1;
        } catch (RuntimeException e) {
            log.warn("closed order {} not handed on: {}", orderId, e.toString());
            return 0;
        }
    }
}
