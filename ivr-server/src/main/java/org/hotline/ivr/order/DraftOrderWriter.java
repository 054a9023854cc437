package org.hotline.ivr.order;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.ops.PhoneNumbers;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.params.SetParams;

/**
 * Turns a call's facts into a draft order in Redis, before the call is queued. Idempotent per call id:
 * the first writer claims an order id for the call ({@code SET NX}); every writer, first, retried or
 * concurrent, then creates that one order only if it does not exist yet (one script on one key), and
 * only the one that created it indexes it and publishes {@code drafted}; a Redis retry of the creating
 * script (reply lost) is still recognised as the creator by its token.
 * <p>
 * With Sentinel or Cluster the script's write waits for a replica's acknowledgement ({@code WAIT}), whoever
 * created the order: {@link Drafted#replicated()} false means the master has it but a failover now could lose it,
 * and the caller keeps the call's facts in the node's {@link DraftSpool} until a later write is confirmed.
 */
public final class DraftOrderWriter {

    private static final Logger log = LoggerFactory.getLogger(DraftOrderWriter.class);
    private static final long KEEP_CLAIM = Duration.ofDays(90).toSeconds();
    /**
     * Creates the order unless it exists and answers whether this writer created it. ARGV[1] is the
     * writer's token: a retry after a lost reply (same token) still learns that it was the creator. An order
     * found existing is written again unchanged (its writer), so that the WAIT after the script waits for this
     * order's place in the replication stream, not for whatever this pooled connection last wrote.
     */
    private static final String CREATE_IF_ABSENT = """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              local writer = redis.call('HGET', KEYS[1], 'writer') or ''
              redis.call('HSET', KEYS[1], 'writer', writer)
              return writer == ARGV[1] and 1 or 0
            end
            redis.call('HSET', KEYS[1], 'writer', ARGV[1], unpack(ARGV, 2))
            return 1
            """;

    private final RedisGateway redis;
    private final OrderRules rules;
    private final OrderKeys keys;
    private final OrderIds ids;
    private final CallerHistory callers;
    private final OrderEvents events;
    private final OrderStore store;
    private final ZoneId zone;

    public DraftOrderWriter(RedisGateway redis, OrderRules rules, OrderStore store, OrderSettings settings) {
        this.redis = redis;
        this.rules = rules;
        this.store = store;
        this.keys = settings.keys();
        this.zone = settings.zone();
        this.ids = new OrderIds(redis, keys, settings.hotline(), settings.zone());
        this.callers = new CallerHistory(redis, keys, settings.repeatWindow());
        this.events = new OrderEvents(redis, keys);
    }

    /** A call's draft, and whether a replica confirmed it in time (always, without {@code WAIT} configured). */
    public record Drafted(DraftOrder order, boolean replicated) {
    }

    /** Writes the draft for this call (or finds the one already written) and returns it. Blocks on Redis. */
    public DraftOrder draft(CallFacts facts) {
        return write(facts).order();
    }

    /** The same, saying whether a replica has the order (see {@link Drafted}). Blocks on Redis. */
    public Drafted write(CallFacts facts) {
        String orderId = claim(facts);
        DraftOrder order = assemble(orderId, facts);
        RedisGateway.Replicated<Boolean> created = created(order, UUID.randomUUID().toString());
        if (created.value()) {
            index(order, facts.hasCallerNumber());
            log.info("drafted order {} for caller {}: {} in {} ({}), urgency {}", orderId,
                    PhoneNumbers.mask(facts.callerNumber()), order.category(), order.district(), order.street(),
                    order.urgency());
            return new Drafted(order, created.confirmed());
        }
        return new Drafted(store.get(orderId).orElseThrow(() -> new IllegalStateException("order " + orderId
                + " vanished")), created.confirmed());
    }

    /**
     * Stores the order unless it exists; true if this writer (identified by {@code token}) created it,
     * including when Redis retried the script because its first reply was lost.
     */
    boolean create(DraftOrder order, String token) {
        return created(order, token).value();
    }

    private RedisGateway.Replicated<Boolean> created(DraftOrder order, String token) {
        List<String> args = new ArrayList<>(List.of(token));
        OrderHash.toHash(order).forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        String key = keys.order(order.orderId());
        // With Sentinel/Cluster the draft waits for a replica (WAIT): a failover right after must not lose it.
        RedisGateway.Replicated<Object> created = redis.callReplicated("create draft order", key, jedis ->
                jedis.eval(CREATE_IF_ABSENT, List.of(key), args));
        return new RedisGateway.Replicated<>(Long.valueOf(1).equals(created.value()), created.confirmed());
    }

    /** {@link #write} off the caller's thread (on the Redis gateway's pool). */
    public CompletionStage<Drafted> draftAsync(CallFacts facts) {
        String callId = MDC.get("callId");
        return redis.callAsync("draft order", jedis -> {
            MDC.put("callId", callId == null ? facts.callId() : callId);
            try {
                return write(facts);
            } finally {
                MDC.remove("callId");
            }
        });
    }

    /** The order id this call owns: the one already claimed, or a new one claimed now. */
    private String claim(CallFacts facts) {
        String key = keys.byCall(facts.callId());
        String existing = redis.call("find order of call", jedis -> jedis.get(key));
        if (existing != null) {
            return existing;
        }
        String fresh = ids.next(facts.at());
        return redis.call("claim order id for call", jedis -> {
            String ok = jedis.set(key, fresh, SetParams.setParams().nx().ex(KEEP_CLAIM));
            return ok != null ? fresh : jedis.get(key);
        });
    }

    private DraftOrder assemble(String orderId, CallFacts facts) {
        Assessment a = rules.assess(facts.language(), facts.transcript(), facts.menuPath());
        List<EarlierOrder> earlier = facts.hasCallerNumber()
                ? callers.before(facts.callerNumber(), facts.at(), orderId) : List.of();
        boolean repeat = a.classification().classified() && earlier.stream().anyMatch(e ->
                e.category().equals(a.classification().category())
                        && a.location().samePlaceAs(e.district(), e.street()));
        List<String> evidence = new ArrayList<>(a.classification().phrases());
        evidence.addAll(a.location().phrases());
        evidence.addAll(a.urgency().rules().stream().map(rule -> "urgency:" + rule).toList());
        String now = facts.at().toString();
        String dispatchBy = rules.deadlines().format(facts.at(), a.urgency().level(), facts.zone());
        return new DraftOrder(orderId, facts.callId(), facts.callerNumber(), facts.language(), facts.menuPath(),
                facts.transcript(), facts.recordingPath(), a.classification().category(),
                a.classification().subCategory(), a.location().district(), a.location().street(),
                a.location().community(), a.urgency().level().id(), a.urgency().dial(), a.summary(), a.unit(),
                dispatchBy, earlier, repeat, OrderStatus.DRAFT, evidence, now, now, CaseProgress.NONE, List.of());
    }

    private void index(DraftOrder order, boolean byCaller) {
        redis.call("index order's dispatch deadline", jedis -> jedis.zadd(keys.undispatched(),
                OffsetDateTime.parse(order.dispatchBy(), DispatchDeadlines.FORMAT).toInstant().toEpochMilli(),
                order.orderId()));
        // The month of the order id's date (same zone), for the monthly hot topics.
        Instant created = Instant.parse(order.createdAt());
        redis.call("index order by month", jedis -> jedis.zadd(keys.month(YearMonth.from(created.atZone(zone))),
                created.toEpochMilli(), order.orderId()));
        if (byCaller) {
            redis.call("index order by caller", jedis -> jedis.zadd(keys.byCaller(order.callerNumber()),
                    Instant.parse(order.createdAt()).toEpochMilli(), order.orderId()));
        }
        events.publish("drafted", order.orderId(), order.createdAt(), Map.of(
                "callId", order.callId(), "category", order.category(), "district", order.district(),
                "urgency", order.urgency(), "repeat", String.valueOf(order.repeat()),
                "dispatchBy", order.dispatchBy()));
    }
}
