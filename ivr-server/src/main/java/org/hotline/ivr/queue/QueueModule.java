package org.hotline.ivr.queue;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The queue capability of one node, wired in two steps: {@link #create} builds the distributor on the shared
 * Redis for the seats and queues given and {@code /api/queues} + {@code /api/seats}; {@link #start} (once the
 * follow-up side has connected its callbacks) starts the distributor and the stats polled into gauges. The flow
 * (what the caller hears while waiting) takes {@link #distributor()}.
 */
public final class QueueModule implements AutoCloseable {

    private final CallDistributor distributor;
    private final QueueStatsPoller poller;
    private final QueueSetup setup;
    private final MeterRegistry metrics;

    private QueueModule(CallDistributor distributor, QueueStatsPoller poller, QueueSetup setup,
                        MeterRegistry metrics) {
        this.distributor = distributor;
        this.poller = poller;
        this.setup = setup;
        this.metrics = metrics;
    }

    public static QueueModule create(String nodeId, QueueSetup setup, RedisGateway redis, MeterRegistry metrics,
                                     Router routes) {
        return create(DistributorSettings.defaults(nodeId), setup, redis, metrics, routes);
    }

    public static QueueModule create(DistributorSettings settings, QueueSetup setup, RedisGateway redis,
                                     MeterRegistry metrics, Router routes) {
        Clock clock = Clock.systemUTC();
        CallDistributor distributor = new CallDistributor(redis, setup, settings, clock);
        QueueStatsPoller poller = new QueueStatsPoller(distributor, clock);
        QueueHttpApi.register(routes, poller);
        return new QueueModule(distributor, poller, setup, metrics);
    }

    /** Reads {@code seatsFile} and {@code queuesFile}, creates and starts: a node without callbacks (tests, tools). */
    public static QueueModule start(String nodeId, Path seatsFile, Path queuesFile, RedisGateway redis,
                                    MeterRegistry metrics, Router routes) {
        return create(nodeId, new QueueSetupLoader().load(seatsFile, queuesFile), redis, metrics, routes).start();
    }

    /** Starts distributing, and the stats behind the gauges. */
    public QueueModule start() {
        distributor.start();
        poller.start(Duration.ofSeconds(2));
        QueueMetrics.bind(metrics, poller, setup);
        return this;
    }

    public CallDistributor distributor() {
        return distributor;
    }

    public QueueStatsPoller stats() {
        return poller;
    }

    @Override
    public void close() {
        poller.close();
        distributor.close();
    }
}
