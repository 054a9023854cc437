package org.hotline.ivr.queue;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The queue capability of one node, wired: seats and queues loaded from {@code paths.seats} and
 * {@code paths.queues}, the distributor started on the shared Redis, stats polled into gauges and
 * {@code /api/queues} + {@code /api/seats}, and the {@code queue-answered} AGI script registered.
 * The flow runner takes {@link #distributor()} and {@link #holdLoop()}.
 */
public final class QueueModule implements AutoCloseable {

    private final CallDistributor distributor;
    private final QueueStatsPoller poller;
    private final HoldLoop holdLoop;

    private QueueModule(CallDistributor distributor, QueueStatsPoller poller, HoldLoop holdLoop) {
        this.distributor = distributor;
        this.poller = poller;
        this.holdLoop = holdLoop;
    }

    /** Throws {@link org.hotline.ivr.ops.ConfigException} naming file, line and key if seats.yaml or queues.yaml is wrong. */
    public static QueueModule start(IvrConfig config, RedisGateway redis, MeterRegistry metrics, Router routes,
                                    AgiScripts scripts, CallbackDialer dialer) {
        return start(config.nodeId(), config.paths().seats(), config.paths().queues(), redis, metrics, routes, scripts,
                dialer);
    }

    /** The same with the three settings spelled out. */
    public static QueueModule start(String nodeId, Path seatsFile, Path queuesFile, RedisGateway redis,
                                    MeterRegistry metrics, Router routes, AgiScripts scripts, CallbackDialer dialer) {
        QueueSetup setup = new QueueSetupLoader().load(seatsFile, queuesFile);
        Clock clock = Clock.systemUTC();
        CallDistributor distributor = new CallDistributor(redis, setup, DistributorSettings.defaults(nodeId),
                clock, dialer);
        if (dialer instanceof AmiCallbackBridge bridge) {
            bridge.reportTo(distributor);
        }
        distributor.start();
        QueueStatsPoller poller = new QueueStatsPoller(distributor, clock).start(Duration.ofSeconds(2));
        QueueMetrics.bind(metrics, poller, setup);
        QueueHttpApi.register(routes, poller);
        scripts.register(SeatAnsweredScript.NAME, new SeatAnsweredScript(distributor));
        return new QueueModule(distributor, poller, new HoldLoop(distributor, HoldSettings.DEFAULTS, clock));
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
