package org.hotline.ivr.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline.ivr.redis.RedisGateway;
import redis.clients.jedis.UnifiedJedis;

/** Earlier orders from one caller number within the repeat window, newest first, from the caller index. */
final class CallerHistory {

    private static final int MAX_LINKED = 20;

    private final RedisGateway redis;
    private final OrderKeys keys;
    private final Duration window;

    CallerHistory(RedisGateway redis, OrderKeys keys, Duration window) {
        this.redis = redis;
        this.keys = keys;
        this.window = window;
    }

    List<EarlierOrder> before(String callerNumber, Instant at, String exceptOrderId) {
        if (callerNumber.isEmpty()) {
            return List.of();
        }
        long to = at.toEpochMilli();
        long from = at.minus(window).toEpochMilli();
        return redis.call("earlier orders of a caller", jedis -> {
            List<String> ids = jedis.zrevrangeByScore(keys.byCaller(callerNumber), to, from, 0, MAX_LINKED + 1);
            List<EarlierOrder> earlier = new ArrayList<>();
            for (String id : ids) {
                if (!id.equals(exceptOrderId) && earlier.size() < MAX_LINKED) {
                    earlier.add(load(jedis, id));
                }
            }
            return earlier;
        });
    }

    private EarlierOrder load(UnifiedJedis jedis, String id) {
        List<String> f = jedis.hmget(keys.order(id), "createdAt", "category", "district", "street", "status");
        return new EarlierOrder(id, nz(f.get(0)), nz(f.get(1)), nz(f.get(2)), nz(f.get(3)), nz(f.get(4)));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
