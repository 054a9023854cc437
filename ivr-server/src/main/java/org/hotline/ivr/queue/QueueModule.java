package org.hotline.ivr.queue;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The queue capability of one node, wired in two steps: {@link #create} builds the distributor on the shared
 * Redis for the seats and queues given, {@code /api/queues} + {@code /api/seats} and the {@code queue-answered}
 * AGI script; {@link #start} (once the follow-up side has connected its callbacks) starts the distributor and
 * the stats polled into gauges. The flow runner takes {@link #distributor()} and {@link #holdLoop()}.
 */
public final class QueueModule implements AutoCloseable {

    private final CallDistributor distributor;
    private final QueueStatsPoller poller;
    private final HoldLoop holdLoop;
    private final QueueSetup setup;
    private final MeterRegistry metrics;

    private QueueModule(CallDistributor distributor, QueueStatsPoller poller, HoldLoop holdLoop, QueueSetup setup,
                        MeterRegistry metrics) {
        this.distributor = distributor;
        this.poller = poller;
        this.holdLoop = holdLoop;
        this.setup = setup;
        this.metrics = metrics;
    }

    public static QueueModule create(String nodeId, QueueSetup setup, RedisGateway redis, MeterRegistry metrics,
                                     Router routes, AgiScripts scripts) {
        return create(DistributorSettings.defaults(nodeId), setup, redis, metrics, routes, scripts);
    }

    public static QueueModule create(DistributorSettings settings, QueueSetup setup, RedisGateway redis,
                                     MeterRegistry metrics, Router routes, AgiScripts scripts) {
        Clock clock = Clock.systemUTC();
        CallDistributor distributor = new CallDistributor(redis, setup, settings, clock);
        QueueStatsPoller poller = new QueueStatsPoller(distributor, clock);
        QueueHttpApi.register(routes, poller);
        scripts.register(SeatAnsweredScript.NAME, "queue", new SeatAnsweredScript(distributor));
        return new QueueModule(distributor, poller, new HoldLoop(distributor, HoldSettings.DEFAULTS, clock), setup,
                metrics);
    }

    /** Reads {@code seatsFile} and {@code queuesFile}, creates and starts: a node without callbacks (tests, tools). */
    public static QueueModule start(String nodeId, Path seatsFile, Path queuesFile, RedisGateway redis,
                                    MeterRegistry metrics, Router routes, AgiScripts scripts) {
        return create(nodeId, new QueueSetupLoader().load(seatsFile, queuesFile), redis, metrics, routes, scripts).start();
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

    public HoldLoop holdLoop() {
        return holdLoop;
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
