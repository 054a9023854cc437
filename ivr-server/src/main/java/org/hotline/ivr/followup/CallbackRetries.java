package org.hotline.ivr.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.redis.DueClaims;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.ZAddParams;

/**
 * Callbacks waiting out their retry delay, in Redis so that a node restart does not drop them: sorted set
 * {@code ivr:{callback}:due} (call id by due time) beside hash {@code ivr:{callback}:retry:<id>} with the call as it
 * was queued (queue, class, language, number), and hash {@code ivr:{callback}:tries} of citizen tries per call.
 * A poll claims what is due with a lease (its score moves {@link #LEASE} ahead), so a node that dies before it has
 * queued the call again leaves it to the next poll rather than losing it; the entry goes once queued.
 */
public final class CallbackRetries {

    static final Duration LEASE = Duration.ofMinutes(1);
    private static final String DUE = "ivr:{callback}:due";
    private static final String RETRY = "ivr:{callback}:retry:";
    private static final String TRIES = "ivr:{callback}:tries";

    private static final Logger log = LoggerFactory.getLogger(CallbackRetries.class);

    private final RedisGateway redis;
    private final DueClaims claims;
    private final Clock clock;

    public CallbackRetries(RedisGateway redis, Clock clock) {
        this.redis = redis;
        this.claims = new DueClaims(redis, DUE);
        this.clock = clock;
    }

    /** One more try that did not reach the citizen; returns the tries so far. */
    public long citizenNotReached(String callId) {
        return redis.call("count callback try", jedis -> jedis.hincrBy(TRIES, callId, 1));
    }

    /** The callback is over (connected or given up): its tries are forgotten. */
    public void forget(String callId) {
        redis.call("forget callback tries", jedis -> jedis.hdel(TRIES, callId));
    }

    /** {@code call} is queued again {@code delay} from now, as it was queued before. */
    public void retryAfter(WaitingCall call, Duration delay) {
        scheduleAt(call, clock.instant().plus(delay));
    }

    /**
     * {@code call} is queued as a callback at {@code due}: a seat's appointment to call the citizen back (the
     * console's) takes the same way as a retry, so the bridge's poll queues it and the AMI dialer places it.
     */
    public void scheduleAt(WaitingCall call, Instant due) {
        redis.call("schedule callback retry", jedis -> {
            jedis.hset(RETRY + call.callId(), Map.of("queue", call.queue(), "class", call.priorityClass(),
                    "lang", call.language(), "number", call.callerNumber()));
            return jedis.zadd(DUE, due.toEpochMilli(), call.callId(), ZAddParams.zAddParams());
        });
    }

    /**
     * Hands every due retry (at most {@code max}) to {@code enqueue}; those it queued are removed, the others wait
     * for their lease to end. Returns how many were due.
     */
    public int poll(int max, Predicate<WaitingCall> enqueue) {
        List<String> due = claims.claim(clock.millis(), LEASE, max);
        for (String callId : due) {
            try {
                Map<String, String> call = redis.call("read callback retry", jedis -> jedis.hgetAll(RETRY + callId));
                if (call.isEmpty() || enqueue.test(new WaitingCall(callId, call.get("queue"), call.getOrDefault("class", ""),
                        call.getOrDefault("lang", ""), call.getOrDefault("number", "")))) {
                    remove(callId);
                }
            } catch (RuntimeException e) {
                log.warn("callback {} not queued again yet ({}); tried again after {}", callId, e.toString(), LEASE);
            }
        }
        return due.size();
    }

    /** When the callback is due again, if it waits for a retry. */
    public Optional<Instant> dueAt(String callId) {
        Double score = redis.call("read callback retry due", jedis -> jedis.zscore(DUE, callId));
        return Optional.ofNullable(score).map(ms -> Instant.ofEpochMilli(ms.longValue()));
    }

    private void remove(String callId) {
        redis.call("remove callback retry", jedis -> {
            jedis.zrem(DUE, callId);
            return jedis.del(RETRY + callId);
        });
    }
}
