package org.hotline.ivr.seat.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.redis.RedisGateway;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Which seat was given which call, as the console first saw it. The distributor forgets a call when it ends,
 * but its seat keeps the screen pop through wrap-up and may still edit the order: this record is what says the
 * call was that seat's. Kept a day.
 */
final class CallLedger {

    private static final Duration KEEP = Duration.ofDays(1);
    private static final String CALL = "console:call:";
    private static final String SEAT = "console:seat-call:";
    /** A seat's calls of the last day, scored by assignment time (its "my open drafts" list). */
    private static final String SEAT_CALLS = "console:seat-calls:";

    record Entry(String seatId, Instant assignedAt) {
    }

    private final RedisGateway redis;

    CallLedger(RedisGateway redis) {
        this.redis = redis;
    }

    /** Records the assignment once; a later sighting keeps the first time. */
    void record(String seatId, String callId, Instant at) {
        redis.call("call ledger", jedis -> {
            jedis.hsetnx(CALL + callId, "seat", seatId);
            jedis.hsetnx(CALL + callId, "at", Long.toString(at.toEpochMilli()));
            jedis.expire(CALL + callId, KEEP.toSeconds());
            jedis.zadd(SEAT_CALLS + seatId, at.toEpochMilli(), callId, ZAddParams.zAddParams().nx());
            jedis.zremrangeByScore(SEAT_CALLS + seatId, Double.NEGATIVE_INFINITY, at.minus(KEEP).toEpochMilli());
            jedis.expire(SEAT_CALLS + seatId, KEEP.toSeconds());
            return jedis.set(SEAT + seatId, callId, SetParams.setParams().ex(KEEP.toSeconds()));
        });
    }

    /** The seat's calls of the last day, newest first, at most {@code limit}. */
    List<String> callsOf(String seatId, int limit) {
        return redis.call("call ledger", jedis -> jedis.zrange(SEAT_CALLS + seatId,
                ZRangeParams.zrangeParams(0, limit - 1).rev()));
    }

    Optional<Entry> find(String callId) {
        Map<String, String> entry = redis.call("call ledger", jedis -> jedis.hgetAll(CALL + callId));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(entry.get("seat"), Instant.ofEpochMilli(Long.parseLong(entry.get("at")))));
    }

    Optional<String> lastCallOf(String seatId) {
        return Optional.ofNullable(redis.call("call ledger", jedis -> jedis.get(SEAT + seatId)));
    }
}
