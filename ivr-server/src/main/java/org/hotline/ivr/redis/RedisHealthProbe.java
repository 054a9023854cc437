package org.hotline.ivr.redis;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.HealthCheck;

/**
 * Pings Redis every second off the event loops, so {@code /healthz} answers from the last result at once
 * and notices an outage even while no call is touching Redis; it names the master in use and the topology.
 */
public final class RedisHealthProbe implements HealthCheck, AutoCloseable {

    private final RedisGateway redis;
    private final ScheduledExecutorService timer;
    private volatile boolean lastPing;

    public RedisHealthProbe(RedisGateway redis) {
        this.redis = redis;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("redis-health", true));
        this.lastPing = redis.ping();
        timer.scheduleWithFixedDelay(() -> lastPing = redis.ping(), 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public Status check() {
        boolean up = lastPing && redis.up();
        // address: the master written to now, so after a Sentinel failover it names the promoted replica.
        return new Status(up, true, java.util.Map.of("address", redis.address(), "topology", redis.topology().kind(), "up", up,
                "unconfirmedWrites", redis.unconfirmedWrites()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
