package org.hotline.ivr.flow;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;

/** A real FastAGI server on a free port with a real Redis, serving the flows of one directory, and a simulator. */
final class FlowBench implements AutoCloseable {

    final EmbeddedRedis redisServer;
    final RedisGateway redis;
    final NettyTransport transport = new NettyTransport(2);
    final AgiScripts scripts = new AgiScripts();
    final FastAgiServer agi;
    final FlowModule flows;
    final SimClient sim;

    FlowBench(Path flowsDir, Path redisDir, Function<RedisGateway, FlowServices> services) throws InterruptedException {
        this(flowsDir, EmbeddedRedis.start(redisDir), null, services);
    }

    /** On a Redis the test runs itself (and stops, pauses, restarts), with a short timeout and few retries. */
    FlowBench(Path flowsDir, String redisUrl, Function<RedisGateway, FlowServices> services) throws InterruptedException {
        this(flowsDir, null, redisUrl, services);
    }

    private FlowBench(Path flowsDir, EmbeddedRedis embedded, String url, Function<RedisGateway, FlowServices> services)
            throws InterruptedException {
        redisServer = embedded;
        redis = embedded != null ? new RedisGateway(embedded.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT)
                : new RedisGateway(url, Duration.ofMillis(500), new RetryPolicy(2, Duration.ofMillis(100),
                        Duration.ofMillis(200)));
        IvrConfig config = ConfigLoader.defaultsOnly();
        flows = FlowModule.start(flowsDir, redis, scripts, services.apply(redis), config.calls().journeyTtl());
        agi = FastAgiServer.start(config.agi().withPort(0), transport, scripts, new AgiMetrics(new SimpleMeterRegistry()));
        sim = new SimClient("127.0.0.1", agi.port(), true);
    }

    /** The defaults a node without speech, queue and order parts has, on a fixed clock. */
    static Function<RedisGateway, FlowServices> defaultsAt(String localDateTime) {
        Clock clock = Clock.fixed(LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant(),
                ZoneId.of("Asia/Shanghai"));
        return redis -> StandInServices.of(redis, "127.0.0.1", 1).withClock(clock);
    }

    CallRecord call(CallScenario scenario) throws Exception {
        return sim.call(scenario).get(30, TimeUnit.SECONDS);
    }

    JourneyStore.Journey journey(CallRecord record) {
        return flows.runner().journeys().read(record.uniqueId());
    }

    @Override
    public void close() {
        sim.close();
        agi.close();
        transport.close();
        redis.close();
        if (redisServer != null) {
            redisServer.close();
        }
    }
}
