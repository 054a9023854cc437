package org.hotline.ivr.redis;

import java.time.Duration;
import java.util.List;

/**
 * Claims from a sorted set of ids scored by when they are due (surveys to place, callbacks to retry): the due ids
 * are not removed but pushed to the end of a lease in one script, so a node that dies or fails while handling one
 * leaves it to be claimed again when the lease ends, and no two nodes take the same id at once. The owner removes
 * an id once it is finally handled.
 */
public final class DueClaims {

    /** KEYS: due set. ARGV: now (ms), lease end (ms), at most. */
    private static final String CLAIM = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
            return ids
            """;

    private final RedisGateway redis;
    private final String key;

    public DueClaims(RedisGateway redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    /** Up to {@code max} ids due at {@code nowMillis}, each now leased for {@code lease}. */
    @SuppressWarnings("unchecked")
    public List<String> claim(long nowMillis, Duration lease, int max) {
        return (List<String>) redis.call("claim due " + key, jedis -> jedis.eval(CLAIM, List.of(key),
                List.of(Long.toString(nowMillis), Long.toString(nowMillis + lease.toMillis()), Integer.toString(max))));
    }
}
