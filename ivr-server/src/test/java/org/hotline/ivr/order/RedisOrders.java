package org.hotline.ivr.order;

import java.time.Clock;
import org.hotline.ivr.redis.RedisGateway;

/** The order components on the Redis under test (a test class's own server, or the cluster). */
final class RedisOrders {

    final RedisGateway redis;
    final OrderStore store;
    final DraftOrderWriter writer;

    RedisOrders(RedisGateway redis) {
        this.redis = redis;
        Orders orders = Orders.create(redis, OrderRulesTest.CONFIG, OrderSettings.defaults(), Clock.systemUTC());
        store = orders.store();
        writer = orders.writer();
    }
}
