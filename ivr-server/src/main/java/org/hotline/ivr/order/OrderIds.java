package org.hotline.ivr.order;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.hotline.ivr.redis.RedisGateway;

/**
 * Order ids a person can read out on the phone and that no two nodes ever share:
 * {@code 12345-20261125-000042}, the hotline, the local date of the call and that day's sequence
 * number from one Redis counter (INCR), which every node sharing the Redis draws from.
 */
final class OrderIds {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final long KEEP_COUNTER = Duration.ofDays(3).toSeconds();

    private final RedisGateway redis;
    private final OrderKeys keys;
    private final String hotline;
    private final ZoneId zone;

    OrderIds(RedisGateway redis, OrderKeys keys, String hotline, ZoneId zone) {
        this.redis = redis;
        this.keys = keys;
        this.hotline = hotline;
        this.zone = zone;
    }

    String next(Instant at) {
        String day = DAY.format(at.atZone(zone));
        String key = keys.sequence(day);
        long n = redis.call("next order number", jedis -> {
            long value = jedis.incr(key);
            if (value == 1) {
                jedis.expire(key, KEEP_COUNTER);
            }
            return value;
        });
        return String.format("%s-%s-%06d", hotline, day, n);
    }
}
