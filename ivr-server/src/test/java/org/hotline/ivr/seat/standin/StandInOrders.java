package org.hotline.ivr.seat.standin;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.DraftOrder;
import org.hotline.ivr.seat.OrderEdit;
import org.hotline.ivr.seat.OrderEditing;
import org.hotline.ivr.seat.OrderSummary;

/**
 * Draft orders as Redis hashes ({@code console:standin:order:<id>}) with an index by caller, and today's
 * drafted/submitted counts and submitted categories for the wallboard.
 */
public final class StandInOrders implements OrderEditing {

    private static final String ORDER = StandInQueue.PREFIX + "order:";
    private static final String BY_CALLER = StandInQueue.PREFIX + "orders-of:";

    private final RedisGateway redis;
    private final Clock clock;

    public StandInOrders(RedisGateway redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** A new draft, as the flow writes it before queueing the call. Returns its id. */
    public String draft(String callId, String caller, OrderEdit fields) {
        String id = "WO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        long now = clock.millis();
        Map<String, String> hash = new HashMap<>(fieldsOf(fields));
        hash.putAll(Map.of("id", id, "callId", callId, "caller", caller, "status", DraftOrder.DRAFT,
                "editedBy", "", "created", Long.toString(now), "updated", Long.toString(now)));
        redis.call("stand-in draft", jedis -> {
            jedis.hset(ORDER + id, hash);
            jedis.zadd(BY_CALLER + caller, now, id);
            return jedis.hincrBy(StandInDay.key(clock), "drafted", 1);
        });
        return id;
    }

    @Override
    public Optional<DraftOrder> find(String orderId) {
        Map<String, String> hash = redis.call("stand-in order", jedis -> jedis.hgetAll(ORDER + orderId));
        return hash.isEmpty() ? Optional.empty() : Optional.of(order(hash));
    }

    @Override
    public DraftOrder save(String orderId, OrderEdit edit, String seatId) {
        return write(orderId, edit, seatId, DraftOrder.DRAFT);
    }

    @Override
    public DraftOrder submit(String orderId, OrderEdit edit, String seatId) {
        DraftOrder order = write(orderId, edit, seatId, DraftOrder.SUBMITTED);
        redis.call("stand-in submitted", jedis -> {
            jedis.hincrBy(StandInDay.key(clock), "submitted", 1);
            return jedis.zincrby(StandInDay.categories(clock), 1, edit.category());
        });
        return order;
    }

    @Override
    public List<OrderSummary> earlierOf(String callerNumber, String exceptOrderId, int limit) {
        List<String> ids = redis.call("stand-in earlier", jedis -> jedis.zrevrange(BY_CALLER + callerNumber, 0, limit));
        return ids.stream().filter(id -> !id.equals(exceptOrderId)).limit(limit)
                .map(this::find).flatMap(Optional::stream)
                .map(o -> new OrderSummary(o.id(), o.updated(), o.category(), o.status(), o.summary()))
                .toList();
    }

    private DraftOrder write(String orderId, OrderEdit edit, String seatId, String status) {
        Map<String, String> hash = new HashMap<>(fieldsOf(edit));
        hash.putAll(Map.of("status", status, "editedBy", seatId, "updated", Long.toString(clock.millis())));
        redis.call("stand-in order edit", jedis -> jedis.hset(ORDER + orderId, hash));
        return find(orderId).orElseThrow();
    }

    private static Map<String, String> fieldsOf(OrderEdit edit) {
        return Map.of("category", edit.category(), "location", edit.location(), "urgency", edit.urgency(),
                "summary", edit.summary());
    }

    private static DraftOrder order(Map<String, String> hash) {
        return new DraftOrder(hash.get("id"), hash.get("callId"), hash.getOrDefault("category", ""),
                hash.getOrDefault("location", ""), hash.getOrDefault("urgency", ""), hash.getOrDefault("summary", ""),
                hash.get("status"), hash.getOrDefault("editedBy", ""),
                Instant.ofEpochMilli(Long.parseLong(hash.getOrDefault("updated", "0"))));
    }
}
