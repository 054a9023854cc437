package org.hotline.ivr.order;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;

/** A real redis-server with the order components on it, for tests; one per test class. */
final class RedisOrders implements AutoCloseable {

    static final OrderRules RULES = OrderRules.load(OrderRulesTest.CONFIG);

    final EmbeddedRedis server;
    final RedisGateway redis;
    final OrderStore store;
    final DraftOrderWriter writer;

    RedisOrders(Path dataDir) {
        server = EmbeddedRedis.start(dataDir);
        redis = new RedisGateway(server.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        OrderSettings settings = OrderSettings.defaults();
        store = new OrderStore(redis, RULES, settings, Clock.systemUTC());
        writer = new DraftOrderWriter(redis, RULES, store, settings);
    }

    void flush() {
        redis.call("flush", jedis -> jedis.flushAll());
    }

    @Override
    public void close() {
        redis.close();
        server.close();
    }
}
