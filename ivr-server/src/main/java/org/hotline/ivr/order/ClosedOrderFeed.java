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
 * each closed order is handed to exactly one node's {@code onClosed} (at least once: an entry is acknowledged only
 * after its handler succeeded; one whose handler failed, or left unacknowledged by a crash, is handed again: at the
 * next poll, or when that node comes back). The handler must therefore be idempotent. The group starts at the end of
 * the stream: orders closed before it first existed are not surveyed.
 */
public final class ClosedOrderFeed {

    public static final String GROUP = "survey";
    private static final int PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(ClosedOrderFeed.class);

    private final RedisGateway redis;
    private final OrderKeys keys;
    private final OrderStore store;
    private final String consumer;
    private final Consumer<DraftOrder> onClosed;
    /** Whether this consumer may have unacknowledged entries: at start, and after a handler failed. */
    private boolean pendingLeft = true;

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

    /** Hands on this node's unacknowledged entries (all of them, page by page), then what arrived; returns how many closed. */
    public synchronized int poll() {
        int closed = 0;
        if (pendingLeft) {
            pendingLeft = false;
            StreamEntryID from = new StreamEntryID(0, 0);
            for (List<StreamEntry> page = read(from); !page.isEmpty(); page = read(from)) {
                closed += handleAll(page);
                from = page.get(page.size() - 1).getID();
            }
        }
        return closed + handleAll(read(StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    }

    /** From an id: this consumer's pending entries after it; from {@code >}: entries never delivered. */
    private List<StreamEntry> read(StreamEntryID from) {
        List<Map.Entry<String, List<StreamEntry>>> read;
        try {
            read = readGroup(from);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOGROUP")) {
                throw e;
            }
            // A failover to a replica that never got the group (or a wiped Redis): attach again and go on.
            log.warn("the order events' consumer group is gone ({}); creating it again", e.getMessage());
            createGroup();
            read = readGroup(from);
        }
        return read == null ? List.of() : read.stream().flatMap(stream -> stream.getValue().stream()).toList();
    }

    private List<Map.Entry<String, List<StreamEntry>>> readGroup(StreamEntryID from) {
        return redis.call("read order events", jedis -> jedis.xreadGroup(GROUP, consumer,
                XReadGroupParams.xReadGroupParams().count(PAGE), Map.of(keys.events(), from)));
    }

    private int handleAll(List<StreamEntry> entries) {
        int closed = 0;
        for (StreamEntry entry : entries) {
            try {
                closed += handle(entry);
                redis.call("ack order event", jedis -> jedis.xack(keys.events(), GROUP, entry.getID()));
            } catch (RuntimeException e) {
                pendingLeft = true;
                log.warn("order event {} not handled, handed again at the next poll: {}", entry.getID(), e.toString());
            }
        }
        return closed;
    }

    /** Throws when the closed order could not be handed on: the entry then stays unacknowledged. */
    private int handle(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        if (fields == null) {
            // Trimmed off the stream while pending: nothing left to hand on.
            log.warn("order event {} was trimmed off the stream before it was handled: its order is not surveyed",
                    entry.getID());
            return 0;
        }
        if (!"closed".equals(fields.get("type"))) {
            return 0;
        }
        String orderId = fields.getOrDefault("orderId", "");
        store.get(orderId).ifPresentOrElse(onClosed,
                () -> log.warn("order {} closed but no longer stored: not surveyed", orderId));
        return 1;
    }
}
