package org.hotline.ivr.order;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads events of some {@code types} ({@code closed}, {@code drafted} ...) off the order stream in one consumer
 * group, one consumer per node, so each such order is handed to exactly one node's {@code handler} (at least once:
 * an entry is acknowledged only after its handler succeeded; one whose handler failed, or left unacknowledged by a
 * crash, is handed again: at the next poll, or when that node comes back). The handler must therefore be
 * idempotent. The group starts at the end of the stream: orders changed before it first existed are not handed on.
 */
public class OrderEventFeed {

    private static final int PAGE = 100;
    private static final Logger log = LoggerFactory.getLogger(OrderEventFeed.class);

    private final RedisGateway redis;
    private final OrderKeys keys;
    private final OrderStore store;
    private final String group;
    private final Set<String> types;
    private final String consumer;
    private final Consumer<DraftOrder> handler;
    /** Whether this consumer may have unacknowledged entries: at start, and after a handler failed. */
    private boolean pendingLeft = true;

    /** Hands each order whose event is one of {@code types} to {@code handler}, as {@code consumer} of {@code group}. */
    public OrderEventFeed(RedisGateway redis, OrderKeys keys, OrderStore store, String group, Set<String> types,
                          String consumer, Consumer<DraftOrder> handler) {
        this.redis = redis;
        this.keys = keys;
        this.store = store;
        this.group = group;
        this.types = Set.copyOf(types);
        this.consumer = consumer;
        this.handler = handler;
        createGroup();
    }

    private void createGroup() {
        redis.call("create " + group + " consumer group", jedis -> {
            try {
                return jedis.xgroupCreate(keys.events(), group, StreamEntryID.XGROUP_LAST_ENTRY, true);
            } catch (JedisDataException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")) {
                    return "exists";
                }
                throw e;
            }
        });
    }

    /** Hands on this node's unacknowledged entries (all of them, page by page), then what arrived; returns how many. */
    public final synchronized int poll() {
        int handled = 0;
        if (pendingLeft) {
            pendingLeft = false;
            StreamEntryID from = new StreamEntryID(0, 0);
            for (List<StreamEntry> page = read(from); !page.isEmpty(); page = read(from)) {
                handled += handleAll(page);
                from = page.get(page.size() - 1).getID();
            }
        }
        return handled + handleAll(read(StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
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
        return redis.call("read order events", jedis -> jedis.xreadGroup(group, consumer,
                XReadGroupParams.xReadGroupParams().count(PAGE), Map.of(keys.events(), from)));
    }

    private int handleAll(List<StreamEntry> entries) {
        int handled = 0;
        for (StreamEntry entry : entries) {
            try {
                handled += handle(entry);
                redis.call("ack order event", jedis -> jedis.xack(keys.events(), group, entry.getID()));
            } catch (RuntimeException e) {
                pendingLeft = true;
                log.warn("order event {} not handled by {}, handed again at the next poll: {}", entry.getID(), group,
                        e.toString());
            }
        }
        return handled;
    }

    /** Throws when the order could not be handed on: the entry then stays unacknowledged. */
    private int handle(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        if (fields == null) {
            // Trimmed off the stream while pending: nothing left to hand on.
            log.warn("order event {} was trimmed off the stream before {} handled it", entry.getID(), group);
            return 0;
        }
        String type = fields.getOrDefault("type", "");
        if (!types.contains(type)) {
            return 0;
        }
        String orderId = fields.getOrDefault("orderId", "");
        store.get(orderId).ifPresentOrElse(handler,
                () -> log.warn("order {} {} but no longer stored: not handed to {}", orderId, type, group));
        return 1;
    }
}
