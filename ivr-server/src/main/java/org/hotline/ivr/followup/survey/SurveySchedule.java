package org.hotline.ivr.followup.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.ami.OriginateResult;
import org.hotline.ivr.ops.PhoneNumbers;
import org.hotline.ivr.redis.DueClaims;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Survey calls waiting for their time, in Redis so that any node may place them and none is lost by a restart:
 * sorted set {@code ivr:{survey}:due} (order id by due time) beside each order's survey hash (number, category,
 * unit, tries). A survey is due the policy's delay after the order closed, moved past the quiet hours; a try that
 * does not reach the citizen is due again after the retry delay, until the policy's tries are spent, and the order
 * then counts as not reached. Without an AMI link no try is used: the survey waits for one. Each due survey is
 * claimed by one node with a lease (its due time moves past the ring time): it leaves the set only on a final
 * outcome, so a node that dies while placing it, or an error, leaves it to be claimed again when the lease ends.
 */
public final class SurveySchedule {


    /** KEYS: due set, order hash. ARGV: due (ms), order id, number, now, TTL (s). 0 when the order was scheduled before. */
    private static final String SCHEDULE = """
            if redis.call('HSETNX', KEYS[2], 'scheduledAt', ARGV[4]) == 0 then return 0 end
            redis.call('HSET', KEYS[2], 'number', ARGV[3], 'tries', '0')
            redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
            redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
            return 1
            """;

    /**
     * How long an order's survey hash (its answers, and the number until a final outcome) stays in Redis: long after
     * any retry, long enough that a closed event handed again finds the survey done.
     */
    static final Duration ORDER_TTL = Duration.ofDays(90);

    /** When no AMI link is up, a due survey is looked at again this much later, without using a try. */
    static final Duration NO_LINK_RETRY = Duration.ofMinutes(1);
    /** Beyond the ring time, how long a claimed survey stays with its node before another may claim it. */
    static final Duration LEASE_MARGIN = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(SurveySchedule.class);

    private final RedisGateway redis;
    private final DueClaims claims;
    private final SurveyStore store;
    private final SurveyDialer dialer;
    private final SurveyPolicy policy;
    private final SurveyAnswers outcomes;
    private final Clock clock;

    /** @param outcomes told when a survey ends not reached (e.g. the order's history) */
    public SurveySchedule(RedisGateway redis, SurveyStore store, SurveyDialer dialer, SurveyPolicy policy,
                          SurveyAnswers outcomes, Clock clock) {
        this.redis = redis;
        this.claims = new DueClaims(redis, SurveyKeys.DUE);
        this.store = store;
        this.dialer = dialer;
        this.policy = policy;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public SurveySchedule(RedisGateway redis, SurveyStore store, SurveyDialer dialer, SurveyPolicy policy, Clock clock) {
        this(redis, store, dialer, policy, answer -> true, clock);
    }

    /**
     * The order was closed: its survey is due after the delay, outside the quiet hours. Returns when. Idempotent: a
     * survey scheduled before (a closed event handed again) keeps its due time, tries and outcome.
     */
    public Instant schedule(SurveyRequest request) {
        // First, and every time: a redelivery after a failure here must still leave category and unit behind.
        store.expect(request);
        Instant due = policy.quietHours().nextAllowed(clock.instant().plus(policy.delay()), policy.zone());
        Object added = redis.call("schedule survey", jedis -> jedis.eval(SCHEDULE, List.of(SurveyKeys.DUE, SurveyKeys.order(request.orderId())),
                List.of(Long.toString(due.toEpochMilli()), request.orderId(), request.citizenNumber(),
                        clock.instant().toString(), Long.toString(ORDER_TTL.toSeconds()))));
        if (!Long.valueOf(1).equals(added)) {
            log.info("survey for order {} was scheduled before; left as it is", request.orderId());
            return dueAt(request.orderId()).orElse(due);
        }
        log.info("survey for order {} to {} due at {}", request.orderId(), PhoneNumbers.mask(request.citizenNumber()), due);
        return due;
    }

    /** When the order's survey is due next (or its claim ends), if it is waiting. */
    public Optional<Instant> dueAt(String orderId) {
        Double score = redis.call("read survey due", jedis -> jedis.zscore(SurveyKeys.DUE, orderId));
        return Optional.ofNullable(score).map(ms -> Instant.ofEpochMilli(ms.longValue()));
    }

    /** Places every survey now due (at most {@code max}); returns how many were claimed. */
    public int poll(int max) {
        Instant now = clock.instant();
        Duration lease = policy.ringTimeout().plus(LEASE_MARGIN);
        List<String> due = claims.claim(now.toEpochMilli(), lease, max);
        for (String orderId : due) {
            try {
                place(orderId);
            } catch (RuntimeException e) {
                log.warn("survey for order {} not placed ({}); claimed again at {}", orderId, e.toString(),
                        now.plus(lease));
            }
        }
        return due.size();
    }

    private void place(String orderId) {
        Map<String, String> survey = store.order(orderId);
        if (survey.containsKey("answeredAt") || survey.get("number") == null) {
            done(orderId);
            return;
        }
        long tries = redis.call("count survey try", jedis -> jedis.hincrBy(SurveyKeys.order(orderId), "tries", 1));
        SurveyRequest request = new SurveyRequest(orderId, survey.get("number"), survey.getOrDefault("category", "unknown"),
                survey.getOrDefault("unit", "unknown"));
        dialer.placeOnce(request).whenComplete((result, failure) -> {
            try {
                placed(orderId, tries, result, failure);
            } catch (RuntimeException e) {
                log.warn("survey for order {}: try {} ended ({}) but was not noted: {}; claimed again once its lease ends",
                        orderId, tries, failure == null ? result.kind() : failure.toString(), e.toString());
            }
        });
    }

    private void placed(String orderId, long tries, OriginateResult result, Throwable failure) {
        if (failure == null && result.answered()) {
            done(orderId);
            return;
        }
        if (failure == null && result.kind() == OriginateResult.Kind.LINK_LOST) {
            // Asterisk was never asked: not the citizen's try. Ask again soon, once a link is back.
            Instant again = clock.instant().plus(NO_LINK_RETRY);
            redis.call("schedule survey after link loss", jedis -> {
                jedis.hincrBy(SurveyKeys.order(orderId), "tries", -1);
                return jedis.zadd(SurveyKeys.DUE, again.toEpochMilli(), orderId);
            });
            log.info("survey for order {}: no AMI link ({}), again at {}", orderId, result.detail(), again);
            return;
        }
        // Not answered, or the link dropped after the Originate was sent (the phone may have rung): a try.
        if (tries < policy.maxAttempts()) {
            Instant again = policy.quietHours().nextAllowed(clock.instant().plus(policy.retryDelay()), policy.zone());
            redis.call("schedule survey retry", jedis -> jedis.zadd(SurveyKeys.DUE, again.toEpochMilli(), orderId));
            log.info("survey for order {}: try {} not answered ({}), again at {}", orderId, tries,
                    failure == null ? result.kind() : failure.toString(), again);
        } else {
            store.notReached(orderId);
            done(orderId);
            outcomes.notReached(orderId, tries);
            log.info("survey for order {}: not reached after {} tries", orderId, tries);
        }
    }

    /** A final outcome: the survey leaves the schedule, and the citizen's number leaves Redis. */
    private void done(String orderId) {
        redis.call("survey done", jedis -> {
            jedis.zrem(SurveyKeys.DUE, orderId);
            return jedis.hdel(SurveyKeys.order(orderId), "number");
        });
    }
}
