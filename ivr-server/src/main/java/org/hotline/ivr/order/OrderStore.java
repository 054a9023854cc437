package org.hotline.ivr.order;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.hotline.ivr.redis.RedisGateway;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Reading and changing stored orders. Every change runs as one script on the order's two keys (hash
 * and history, one hash tag): it checks the status, writes only the fields that really change, and
 * appends one history entry per field with the seat, old and new value and time. Changes then go out
 * on the event stream.
 */
public final class OrderStore {

    private static final String APPLY = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
            local status = redis.call('HGET', KEYS[1], 'status')
            if not string.find(ARGV[3], '|' .. status .. '|', 1, true) then return {'status', status} end
            local changed = {'ok'}
            for i = 4, #ARGV, 2 do
              local old = redis.call('HGET', KEYS[1], ARGV[i]) or ''
              if old ~= ARGV[i + 1] then
                redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
                redis.call('RPUSH', KEYS[2], cjson.encode({seat = ARGV[2], field = ARGV[i], old = old,
                    new = ARGV[i + 1], at = ARGV[1]}))
                table.insert(changed, ARGV[i])
              end
            end
            if #changed > 1 then redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1]) end
            return changed
            """;

    /**
     * APPLY for a change no seat made (a transcript come late): a field a seat has edited (in the history under
     * another actor than ARGV[2]) keeps the seat's value, decided atomically with the write.
     */
    private static final String FILL_IN = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
            local status = redis.call('HGET', KEYS[1], 'status')
            if not string.find(ARGV[3], '|' .. status .. '|', 1, true) then return {'status', status} end
            local edited = {}
            for _, entry in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
              local edit = cjson.decode(entry)
              if edit.seat ~= ARGV[2] then edited[edit.field] = true end
            end
            local changed = {'ok'}
            for i = 4, #ARGV, 2 do
              local old = redis.call('HGET', KEYS[1], ARGV[i]) or ''
              if old ~= ARGV[i + 1] and not edited[ARGV[i]] then
                redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
                redis.call('RPUSH', KEYS[2], cjson.encode({seat = ARGV[2], field = ARGV[i], old = old,
                    new = ARGV[i + 1], at = ARGV[1]}))
                table.insert(changed, ARGV[i])
              end
            end
            if #changed > 1 then redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1]) end
            return changed
            """;

    /**
     * KEYS: hash, history. ARGV: at, reason, answer. From closed or handled only: the count goes up, the status is
     * rehandle the first time, supervise after; returns the new status, or "" when the order is in no such state.
     */
    private static final String REOPEN = """
            local status = redis.call('HGET', KEYS[1], 'status')
            if status ~= 'closed' and status ~= 'handled' then return '' end
            local count = redis.call('HINCRBY', KEYS[1], 'rehandled', 1)
            local next = count >= 2 and 'supervise' or 'rehandle'
            redis.call('HSET', KEYS[1], 'status', next, 'rehandleReason', ARGV[2], 'rehandleAnswer', ARGV[3],
                'rehandledAt', ARGV[1], 'updatedAt', ARGV[1])
            redis.call('RPUSH', KEYS[2], cjson.encode({seat = 'survey', field = 'status', old = status, new = next,
                at = ARGV[1]}))
            return next
            """;

    private static final int DIGEST_BATCH = 1000;
    private static final List<String> DIGEST_FIELDS = List.of("language", "category", "subCategory", "district",
            "street", "community", "transcript", "summary");

    private final RedisGateway redis;
    private final OrderKeys keys;
    private final OrderEvents events;
    private final OrderEdits edits;
    private final Clock clock;

    public OrderStore(RedisGateway redis, OrderRules rules, OrderSettings settings, Clock clock) {
        this.redis = redis;
        this.keys = settings.keys();
        this.events = new OrderEvents(redis, keys);
        this.edits = new OrderEdits(rules);
        this.clock = clock;
    }

    public Optional<DraftOrder> get(String orderId) {
        return redis.call("read order", jedis -> {
            Map<String, String> hash = jedis.hgetAll(keys.order(orderId));
            if (hash.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(OrderHash.fromHash(hash, jedis.lrange(keys.history(orderId), 0, -1)));
        });
    }

    /** The order call {@code callId} drafted, if it drafted one (and it is still stored). */
    public Optional<DraftOrder> ofCall(String callId) {
        String orderId = redis.call("find order of call", jedis -> jedis.get(keys.byCall(callId)));
        return orderId == null ? Optional.empty() : get(orderId);
    }

    /**
     * Order events after stream id {@code afterId} (exclusive; {@code <epoch ms>-0} starts at that instant), oldest
     * first, at most {@code max}: for readers that count (the wallboard). What must be handed on exactly once
     * reads with a consumer group ({@link OrderEventFeed}).
     */
    public List<OrderEvent> eventsAfter(String afterId, int max) {
        return events.after(afterId, max);
    }

    /** The caller's orders, newest first, at most {@code limit}. */
    public List<DraftOrder> listByCaller(String callerNumber, int limit) {
        List<String> ids = redis.call("list orders of caller",
                jedis -> jedis.zrange(keys.byCaller(callerNumber), ZRangeParams.zrangeParams(0, limit - 1).rev()));
        List<DraftOrder> orders = new ArrayList<>();
        for (String id : ids) {
            get(id).ifPresent(orders::add);
        }
        return orders;
    }

    /**
     * Every order drafted in {@code month} (the order ids' zone) to {@code sink}, oldest first, read
     * {@value #DIGEST_BATCH} at a time in one pipelined round trip each; with {@code texts} false the transcript
     * and summary are not read. Blocks on Redis: not for an event loop. Returns how many were read.
     */
    public long eachInMonth(YearMonth month, boolean texts, Consumer<OrderDigest> sink) {
        String index = keys.month(month);
        List<String> fields = texts ? DIGEST_FIELDS : DIGEST_FIELDS.subList(0, DIGEST_FIELDS.size() - 2);
        long read = 0;
        for (long start = 0; ; start += DIGEST_BATCH) {
            long from = start;
            List<String> ids = redis.call("list orders of month",
                    jedis -> jedis.zrange(index, from, from + DIGEST_BATCH - 1));
            if (ids.isEmpty()) {
                return read;
            }
            // Handed on only once the whole batch came (one round trip per master): a retry never gives one twice.
            List<List<String>> values = redis.callPipelined("read orders of month", pipeline -> ids.stream()
                    .map(id -> pipeline.hmget(keys.order(id), fields.toArray(String[]::new))).toList());
            for (int i = 0; i < ids.size(); i++) {
                List<String> v = values.get(i);
                if (v.get(0) == null && v.get(1) == null) {
                    continue;
                }
                sink.accept(new OrderDigest(ids.get(i), text(v, 0), text(v, 1), text(v, 2), text(v, 3), text(v, 4),
                        text(v, 5), texts ? text(v, 6) : "", texts ? text(v, 7) : ""));
                read++;
            }
            if (ids.size() < DIGEST_BATCH) {
                return read;
            }
        }
    }

    private static String text(List<String> values, int i) {
        String value = values.get(i);
        return value == null ? "" : value;
    }

    /**
     * Changes fields of a draft, or amends a submitted order until it is dispatched; {@code seatId} is recorded in the
     * history, field by field (the amendments after submitting are the entries after the status change).
     */
    public DraftOrder update(String orderId, Map<String, ?> fields, String seatId) {
        DraftOrder current = require(orderId);
        Map<String, String> changes = edits.check(fields, current);
        List<String> changed = apply(orderId, changes, seatId, "|draft|submitted|");
        if (changed.contains("dispatchBy")) {
            long due = OffsetDateTime.parse(changes.get("dispatchBy"), DispatchDeadlines.FORMAT).toInstant().toEpochMilli();
            redis.call("move order's dispatch deadline",
                    jedis -> jedis.zadd(keys.undispatched(), due, orderId, ZAddParams.zAddParams().xx()));
        }
        if (!changed.isEmpty()) {
            events.publish("updated", orderId, clock.instant().toString(),
                    Map.of("seat", seatId, "fields", String.join(",", changed)));
        }
        return require(orderId);
    }

    /**
     * A seat hands the draft on for dispatch; only a draft can be submitted. One the seat answered directly in the
     * call ({@link OrderHandling#answeredDirectly()}, a consultation answered from the knowledge base) goes on to
     * handled at once, by that seat: there is no unit to dispatch it to.
     */
    public DraftOrder submit(String orderId, String seatId) {
        DraftOrder submitted = changeStatus(orderId, seatId, Map.of("status", OrderStatus.SUBMITTED.id()), "|draft|",
                Map.of());
        if (!submitted.handling().answeredDirectly()) {
            return submitted;
        }
        DraftOrder done = changeStatus(orderId, seatId, Map.of("status", OrderStatus.HANDLED.id(),
                "handledAt", clock.instant().toString()), "|submitted|", Map.of("handling", OrderHandling.DIRECT));
        undispatched(orderId);
        return done;
    }

    /**
     * The order goes to its handling unit: {@code unit}, or the suggested one when blank. Its dispatch deadline
     * no longer counts.
     */
    public DraftOrder dispatch(String orderId, String actor, String unit) {
        DraftOrder current = require(orderId);
        String to = unit == null || unit.isBlank() ? current.handlingUnit() : unit.strip();
        if (to.isEmpty()) {
            throw new OrderEditException(OrderEditException.Kind.INVALID, "unit", "unit: the order has no handling unit; name one");
        }
        Map<String, String> fields = new LinkedHashMap<>(Map.of("status", OrderStatus.DISPATCHED.id()));
        fields.put("handlingUnit", to);
        fields.put("dispatchedTo", to);
        fields.put("dispatchedAt", clock.instant().toString());
        DraftOrder done = changeStatus(orderId, actor, fields, "|draft|submitted|", Map.of("unit", to));
        undispatched(orderId);
        return done;
    }

    /**
     * The handling unit reports the case handled (办结), also after a re-handling; the citizen's callback follows once
     * it is closed.
     */
    public DraftOrder handled(String orderId, String actor) {
        DraftOrder done = changeStatus(orderId, actor, Map.of("status", OrderStatus.HANDLED.id(), "handledAt",
                clock.instant().toString()), "|dispatched|rehandle|supervise|", Map.of());
        redis.call("drop handled order from re-handling", jedis -> jedis.zrem(keys.rehandling(), orderId));
        return done;
    }

    /**
     * The citizen's survey said the case is not resolved or not satisfying: a closed (or handled) order goes back to
     * its unit as {@code rehandle}, the second time as {@code supervise} (escalated), with the count, the reason and
     * the answer; it is listed for the supervisors. Empty if the order is in no state to reopen (already reopened:
     * a repeated survey event changes nothing).
     */
    public Optional<DraftOrder> reopen(String orderId, String reason, String answer) {
        String now = clock.instant().toString();
        Object reply = redis.call("reopen order", jedis -> jedis.eval(REOPEN,
                List.of(keys.order(orderId), keys.history(orderId)), List.of(now, reason, answer)));
        if (reply == null || String.valueOf(reply).isEmpty()) {
            return Optional.empty();
        }
        String status = String.valueOf(reply);
        redis.call("list re-handled order", jedis -> jedis.zadd(keys.rehandling(), clock.millis(), orderId));
        events.publish(status, orderId, now, Map.of("seat", "survey", "reason", reason));
        return get(orderId);
    }

    /** The orders being handled again, oldest reopened first, at most {@code limit}. */
    public List<DraftOrder> rehandling(int limit) {
        List<String> ids = redis.call("list re-handled orders",
                jedis -> jedis.zrange(keys.rehandling(), 0, limit - 1));
        List<DraftOrder> orders = new ArrayList<>();
        for (String id : ids) {
            get(id).ifPresent(orders::add);
        }
        return orders;
    }

    /** The order's survey answers as followup stored them: {@code surveyResolved}, {@code surveySatisfaction}. */
    public Map<String, String> surveyAnswers(String orderId) {
        List<String> values = redis.call("read survey answers",
                jedis -> jedis.hmget(keys.order(orderId), "surveyResolved", "surveySatisfaction"));
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("surveyResolved", values.get(0) == null ? "" : values.get(0));
        answers.put("surveySatisfaction", values.get(1) == null ? "" : values.get(1));
        return answers;
    }

    /**
     * The case is done (or the draft was a mistake): the unit's feedback or a supervisor's decision, never the seat
     * that took the call (its route is the supervisors', {@link OrderHttpApi}).
     */
    public DraftOrder close(String orderId, String seatId) {
        DraftOrder done = changeStatus(orderId, seatId, Map.of("status", OrderStatus.CLOSED.id()),
                "|draft|submitted|dispatched|handled|", Map.of());
        undispatched(orderId);
        return done;
    }

    /** How many orders are past their dispatch deadline at {@code now} and not yet dispatched (nor closed). */
    public long overdue(Instant now) {
        return redis.call("count overdue orders",
                jedis -> jedis.zcount(keys.undispatched(), Double.NEGATIVE_INFINITY, now.toEpochMilli()));
    }

    private void undispatched(String orderId) {
        redis.call("drop dispatched order's deadline", jedis -> jedis.zrem(keys.undispatched(), orderId));
    }

    private DraftOrder changeStatus(String orderId, String actor, Map<String, String> fields, String allowedFrom,
                                    Map<String, String> eventFields) {
        require(orderId);
        apply(orderId, fields, actor, allowedFrom);
        Map<String, String> event = new LinkedHashMap<>(eventFields);
        event.put("seat", actor);
        events.publish(fields.get("status"), orderId, clock.instant().toString(), event);
        return require(orderId);
    }

    /**
     * Sets {@code changes} where the order's status is one of {@code allowedFrom} ({@code |draft|...}), except the
     * fields a seat has edited; {@code actor} goes in the history. Returns the fields changed.
     */
    List<String> fillIn(String orderId, Map<String, String> changes, String actor, String allowedFrom) {
        List<String> changed = apply(FILL_IN, orderId, changes, actor, allowedFrom);
        if (changed.contains("dispatchBy")) {
            long due = OffsetDateTime.parse(changes.get("dispatchBy"), DispatchDeadlines.FORMAT).toInstant().toEpochMilli();
            redis.call("move order's dispatch deadline",
                    jedis -> jedis.zadd(keys.undispatched(), due, orderId, ZAddParams.zAddParams().xx()));
        }
        if (!changed.isEmpty()) {
            events.publish("updated", orderId, clock.instant().toString(),
                    Map.of("seat", actor, "fields", String.join(",", changed)));
        }
        return changed;
    }

    private List<String> apply(String orderId, Map<String, String> changes, String seatId, String allowedFrom) {
        return apply(APPLY, orderId, changes, seatId, allowedFrom);
    }

    private List<String> apply(String script, String orderId, Map<String, String> changes, String seatId,
                               String allowedFrom) {
        List<String> args = new ArrayList<>(List.of(clock.instant().toString(), seatId, allowedFrom));
        changes.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        Object reply = redis.call("change order", jedis ->
                jedis.eval(script, List.of(keys.order(orderId), keys.history(orderId)), args));
        List<?> result = (List<?>) reply;
        String outcome = String.valueOf(result.get(0));
        if (outcome.equals("missing")) {
            throw notFound(orderId);
        }
        if (outcome.equals("status")) {
            throw new OrderEditException(OrderEditException.Kind.CONFLICT, "status",
                    "order " + orderId + " is " + result.get(1) + " and can no longer be changed this way");
        }
        return result.subList(1, result.size()).stream().map(String::valueOf).toList();
    }

    private DraftOrder require(String orderId) {
        return get(orderId).orElseThrow(() -> notFound(orderId));
    }

    private static OrderEditException notFound(String orderId) {
        return new OrderEditException(OrderEditException.Kind.NOT_FOUND, "orderId", "no order " + orderId);
    }
}
