package org.hotline.ivr.ami.survey;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.ami.OriginateResult;
import org.hotline.ivr.ops.PhoneNumbers;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Survey calls waiting for their time, in Redis so that any node may place them and none is lost by a restart:
 * sorted set {@code ivr:{survey}:due} (order id by due time) beside each order's survey hash (number, category,
 * unit, tries). A survey is due the policy's delay after the order closed, moved past the quiet hours; a try that
 * does not reach the citizen is due again after the retry delay, until the policy's tries are spent, and the order
 * then counts as not reached. Without an AMI link no try is used: the survey waits for one. Each due survey is
 * claimed by one node in one script.
 */
public final class SurveySchedule {

    private static final String DUE = "ivr:{survey}:due";
    private static final String ORDER = "ivr:{survey}:order:";
    /** KEYS: due set. ARGV: now (ms), at most. Removes and returns the due order ids: whoever removes, places. */
    private static final String CLAIM = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, id in ipairs(ids) do redis.call('ZREM', KEYS[1], id) end
            return ids
            """;

    /** When no AMI link is up, a due survey is looked at again this much later, without using a try. */
    static final java.time.Duration NO_LINK_RETRY = java.time.Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(SurveySchedule.class);

    private final RedisGateway redis;
    private final SurveyStore store;
    private final SurveyDialer dialer;
    private final SurveyPolicy policy;
    private final Clock clock;

    public SurveySchedule(RedisGateway redis, SurveyStore store, SurveyDialer dialer, SurveyPolicy policy, Clock clock) {
        this.redis = redis;
        this.store = store;
        this.dialer = dialer;
        this.policy = policy;
        this.clock = clock;
    }

    /** The order was closed: its survey is due after the delay, outside the quiet hours. Returns when. */
    public Instant schedule(SurveyRequest request) {
        store.expect(request);
        Instant due = policy.quietHours().nextAllowed(clock.instant().plus(policy.delay()), policy.zone());
        redis.call("schedule survey", jedis -> {
            jedis.hset(ORDER + request.orderId(), Map.of("number", request.citizenNumber(), "tries", "0"));
            return jedis.zadd(DUE, due.toEpochMilli(), request.orderId());
        });
        log.info("survey for order {} to {} due at {}", request.orderId(), PhoneNumbers.mask(request.citizenNumber()), due);
        return due;
    }

    /** When the order's survey is due next, if it is waiting. */
    public java.util.Optional<Instant> dueAt(String orderId) {
        Double score = redis.call("read survey due", jedis -> jedis.zscore(DUE, orderId));
        return java.util.Optional.ofNullable(score).map(ms -> Instant.ofEpochMilli(score.longValue()));
    }

    /** Places every survey now due (at most {@code max}); returns how many were claimed. */
    @SuppressWarnings("unchecked")
    public int poll(int max) {
        List<String> due = (List<String>) redis.call("claim due surveys", jedis -> jedis.eval(CLAIM, List.of(DUE),
                List.of(Long.toString(clock.millis()), Integer.toString(max))));
        due.forEach(this::place);
        return due.size();
    }

    private void place(String orderId) {
        Map<String, String> survey = store.order(orderId);
        if (survey.containsKey("answeredAt") || survey.get("number") == null) {
            return;
        }
        long tries = redis.call("count survey try", jedis -> jedis.hincrBy(ORDER + orderId, "tries", 1));
        SurveyRequest request = new SurveyRequest(orderId, survey.get("number"), survey.getOrDefault("category", "unknown"),
                survey.getOrDefault("unit", "unknown"));
        dialer.placeOnce(request).whenComplete((result, failure) -> {
            if (failure == null && result.answered()) {
                return;
            }
            if (failure == null && result.kind() == OriginateResult.Kind.LINK_LOST) {
                // Asterisk was never asked: not the citizen's try. Ask again soon, once a link is back.
                Instant again = clock.instant().plus(NO_LINK_RETRY);
                redis.call("schedule survey after link loss", jedis -> {
                    jedis.hincrBy(ORDER + orderId, "tries", -1);
                    return jedis.zadd(DUE, again.toEpochMilli(), orderId);
                });
                log.info("survey for order {}: no AMI link ({}), again at {}", orderId, result.detail(), again);
                return;
            }
            if (tries < policy.maxAttempts()) {
                Instant again = policy.quietHours().nextAllowed(clock.instant().plus(policy.retryDelay()), policy.zone());
                redis.call("schedule survey retry", jedis -> jedis.zadd(DUE, again.toEpochMilli(), orderId));
                log.info("survey for order {}: try {} not answered ({}), again at {}", orderId, tries,
                        failure == null ? result.kind() : failure.toString(), again);
            } else {
                store.notReached(orderId);
                log.info("survey for order {}: not reached after {} tries", orderId, tries);
            }
        });
    }
}
