package org.hotline.ivr.followup.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Survey state in Redis. Per order, hash {@code ivr:{survey}:order:<id>} (category, unit, the answers);
 * per day, hash {@code ivr:{survey}:day:<yyyy-MM-dd>} of counters keyed {@code category TAB unit TAB counter}.
 * An answer is counted once per order (a second survey call for the same order changes nothing), in one
 * script so a crash never leaves half a count. Every key shares the {@code {survey}} hash tag: one Cluster slot.
 * A report reads one hash per day of its period (at most {@value #MAX_DAYS}), all of them in one pipelined round
 * trip: a year's report waits for Redis once, not 366 times.
 */
public final class SurveyStore implements SurveyAnswers {

    public static final int MAX_DAYS = 366;

    /** KEYS: order hash, day hash. ARGV: resolved (1/0/''), satisfaction counter name or '', answered-at, call id. */
    private static final String RECORD = """
            if redis.call('HEXISTS', KEYS[1], 'answeredAt') == 1 then return 0 end
            local category = redis.call('HGET', KEYS[1], 'category') or 'unknown'
            local unit = redis.call('HGET', KEYS[1], 'unit') or 'unknown'
            local prefix = category .. '\\t' .. unit .. '\\t'
            redis.call('HINCRBY', KEYS[2], prefix .. 'surveyed', 1)
            if ARGV[1] == '1' then redis.call('HINCRBY', KEYS[2], prefix .. 'resolved', 1) end
            if ARGV[1] == '0' then redis.call('HINCRBY', KEYS[2], prefix .. 'unresolved', 1) end
            if ARGV[2] ~= '' then redis.call('HINCRBY', KEYS[2], prefix .. ARGV[2], 1) end
            redis.call('HSET', KEYS[1], 'answeredAt', ARGV[3], 'resolved', ARGV[1], 'satisfaction', ARGV[2], 'callId', ARGV[4])
            return 1
            """;

    /** KEYS: order hash, day hash. ARGV: when. Counted once per order, and never after an answer. */
    private static final String NOT_REACHED = """
            if redis.call('HEXISTS', KEYS[1], 'answeredAt') == 1 then return 0 end
            if redis.call('HSETNX', KEYS[1], 'notReachedAt', ARGV[1]) == 0 then return 0 end
            local category = redis.call('HGET', KEYS[1], 'category') or 'unknown'
            local unit = redis.call('HGET', KEYS[1], 'unit') or 'unknown'
            redis.call('HINCRBY', KEYS[2], category .. '\\t' .. unit .. '\\tnotReached', 1)
            return 1
            """;

    private static final Logger log = LoggerFactory.getLogger(SurveyStore.class);

    private final RedisGateway redis;
    private final ZoneId zone;
    private final Clock clock;

    public SurveyStore(RedisGateway redis, ZoneId zone, Clock clock) {
        this.redis = redis;
        this.zone = zone;
        this.clock = clock;
    }

    /** Remembers what a survey call is about, before it is placed: the answer is grouped by these. */
    public void expect(SurveyRequest request) {
        redis.call("remember survey", jedis -> jedis.hset(SurveyKeys.order(request.orderId()),
                Map.of("category", request.category(), "unit", request.unit(), "requestedAt", clock.instant().toString())));
    }

    @Override
    public boolean record(SurveyAnswer answer) {
        String satisfaction = answer.satisfaction() == null ? "" : switch (answer.satisfaction()) {
            case SATISFIED -> SurveyCounts.SATISFIED;
            case BASICALLY_SATISFIED -> SurveyCounts.BASICALLY;
            case DISSATISFIED -> SurveyCounts.DISSATISFIED;
        };
        String resolved = answer.resolved() == null ? "" : answer.resolved() ? "1" : "0";
        Object counted = redis.call("record survey answer", jedis -> jedis.eval(RECORD,
                List.of(SurveyKeys.order(answer.orderId()), SurveyKeys.day(day(answer.at()))),
                List.of(resolved, satisfaction, answer.at().toString(), answer.callId() == null ? "" : answer.callId())));
        if (!Long.valueOf(1).equals(counted)) {
            log.info("survey answer for order {} already recorded; this one is not counted again", answer.orderId());
            return false;
        }
        return true;
    }

    /** Every attempt to reach the citizen failed: counted, so the rates show how many were never asked. */
    public void notReached(String orderId) {
        Instant now = clock.instant();
        redis.call("record survey not reached", jedis -> jedis.eval(NOT_REACHED,
                List.of(SurveyKeys.order(orderId), SurveyKeys.day(day(now))), List.of(now.toString())));
    }

    /** What was recorded for one order (category, unit, resolved, satisfaction, ...); empty if unknown. */
    public Map<String, String> order(String orderId) {
        return redis.call("read survey", jedis -> jedis.hgetAll(SurveyKeys.order(orderId)));
    }

    public RatesReport rates(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days; asked " + from + ".." + to);
        }
        // Filled from the replies only once they all came: a retried round trip never counts a day twice.
        List<Map<String, String>> days = redis.call("read survey counters", jedis -> {
            List<Response<Map<String, String>>> replies = new ArrayList<>();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    replies.add(pipeline.hgetAll(SurveyKeys.day(day)));
                }
                pipeline.sync();
            }
            return replies.stream().map(Response::get).toList();
        });
        Map<List<String>, Map<String, Long>> counters = new HashMap<>();
        days.forEach(day -> day.forEach((field, value) -> add(counters, field, value)));
        return report(from, to, counters);
    }

    private static void add(Map<List<String>, Map<String, Long>> counters, String field, String value) {
        String[] parts = field.split("\t", 3);
        if (parts.length == 3) {
            counters.computeIfAbsent(List.of(parts[0], parts[1]), key -> new HashMap<>())
                    .merge(parts[2], Long.parseLong(value), Long::sum);
        }
    }

    private RatesReport report(LocalDate from, LocalDate to, Map<List<String>, Map<String, Long>> counters) {
        Map<List<String>, SurveyCounts> byBoth = new TreeMap<>(LIST_ORDER);
        counters.forEach((key, values) -> byBoth.put(key, SurveyCounts.of(values)));
        SurveyCounts total = byBoth.values().stream().reduce(SurveyCounts.ZERO, SurveyCounts::plus);
        return new RatesReport(from.toString(), to.toString(), zone.getId(), new RatesReport.Group(null, null, total),
                groups(byBoth, key -> List.of(key.get(0)), true),
                groups(byBoth, key -> List.of(key.get(1)), false),
                byBoth.entrySet().stream().map(e -> new RatesReport.Group(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList());
    }

    private static List<RatesReport.Group> groups(Map<List<String>, SurveyCounts> byBoth,
                                                  Function<List<String>, List<String>> by, boolean category) {
        Map<List<String>, SurveyCounts> grouped = new TreeMap<>(LIST_ORDER);
        byBoth.forEach((key, counts) -> grouped.merge(by.apply(key), counts, SurveyCounts::plus));
        List<RatesReport.Group> rows = new ArrayList<>();
        grouped.forEach((key, counts) -> rows.add(category ? new RatesReport.Group(key.get(0), null, counts)
                : new RatesReport.Group(null, key.get(0), counts)));
        return rows;
    }

    private static final Comparator<List<String>> LIST_ORDER = (a, b) -> String.join("\t", a).compareTo(String.join("\t", b));

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }
}
