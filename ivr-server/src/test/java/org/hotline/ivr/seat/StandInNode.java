package org.hotline.ivr.seat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.ops.HttpRoutes;
import org.hotline.ivr.ops.HttpServer;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.hotline.ivr.seat.standin.StandInConsole;

/**
 * A node with the real transports, Redis and console, but the test's stand-in queue and orders behind the
 * console: the console's own rules (login, sessions, security, pop, edit, wrap-up) tested apart from the
 * distributor. {@code IvrServer} itself always runs the console on the real queue and orders.
 */
final class StandInNode implements AutoCloseable {

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private RedisGateway redis;
    private FastAgiServer agi;
    private HttpServer http;

    static StandInNode start(IvrConfig config) throws InterruptedException {
        StandInNode node = new StandInNode();
        try {
            node.startParts(config);
            return node;
        } catch (RuntimeException | InterruptedException e) {
            node.close();
            throw e;
        }
    }

    private void startParts(IvrConfig config) throws InterruptedException {
        NettyTransport transport = new NettyTransport(2);
        parts.push(transport);
        String url = config.redis().url();
        if (config.redis().embedded()) {
            EmbeddedRedis embedded = EmbeddedRedis.start(config.redis().dataDir());
            parts.push(embedded);
            url = embedded.url();
        }
        redis = new RedisGateway(url, config.redis().timeout(), RetryPolicy.DEFAULT);
        parts.push(redis);
        HttpRoutes routes = new HttpRoutes();
        AgiScripts scripts = new AgiScripts();
        parts.push(StandInConsole.install(config, routes, redis, scripts));
        agi = FastAgiServer.start(config.agi(), transport, scripts, new AgiMetrics(new SimpleMeterRegistry()));
        parts.push(agi);
        http = HttpServer.start(config.http(), transport, routes);
        parts.push(http);
    }

    int agiPort() {
        return agi.port();
    }

    int httpPort() {
        return http.port();
    }

    RedisGateway redis() {
        return redis;
    }

    @Override
    public void close() {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                // closing the rest matters more in a test's teardown
            }
        }
    }
}
