package org.hotline.ivr.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.ConnectionLimit;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: every route of the {@link Router}, WebSocket paths included, on event loops of its own (give
 * it a transport that the call protocols do not use) and a bounded pool for the routes that block.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Channel serverChannel;
    private final ThreadPoolExecutor pool;
    private final ConnectionLimit limit;

    private HttpServer(Channel serverChannel, ThreadPoolExecutor pool, ConnectionLimit limit) {
        this.serverChannel = serverChannel;
        this.pool = pool;
        this.limit = limit;
    }

    /** Without metrics: for tools and tests that do not scrape. */
    public static HttpServer start(IvrConfig.Http config, NettyTransport transport, Router router)
            throws InterruptedException {
        return start(config, transport, router, new HttpMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    public static HttpServer start(IvrConfig.Http config, NettyTransport transport, Router router, HttpMetrics metrics)
            throws InterruptedException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.routeThreads(), config.routeThreads(), 0,
                TimeUnit.MILLISECONDS, config.routeQueue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(config.routeQueue()), new DefaultThreadFactory("http-route", true));
        ConnectionLimit limit = new ConnectionLimit("HTTP",
                new ConnectionLimit.Caps(config.maxConnections(), config.maxConnectionsPerPeer()),
                () -> metrics.refused("too_many_connections"));
        metrics.watch(pool);
        try {
            Channel channel = new ServerBootstrap()
                    .group(transport.acceptors(), transport.workers())
                    .channel(transport.serverChannelClass())
                    .childHandler(new HttpInitializer(config, new Dispatcher(router, pool, metrics), limit, metrics))
                    .bind(config.bind(), config.port()).sync().channel();
            log.info("HTTP listening on {} ({} routes, {} public)", channel.localAddress(), router.routes().size(),
                    router.routes().stream().filter(Route::open).count());
            return new HttpServer(channel, pool, limit);
        } catch (RuntimeException | InterruptedException e) {
            pool.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** HTTP connections open now (WebSockets included). */
    public int openConnections() {
        return limit.open();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        pool.shutdownNow();
    }
}
