package org.hotline.ivr.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: health, metrics, and whatever other packages add to {@link HttpRoutes}, including
 * WebSocket paths, which share the port.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    static final int MAX_BODY = 1 << 20;

    private final Channel serverChannel;

    private HttpServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static HttpServer start(IvrConfig.Http config, NettyTransport transport, HttpRoutes routes)
            throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.serverChannelClass())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(HttpRequestHandler.NAME, new HttpRequestHandler(routes));
                    }
                })
                .bind(config.bind(), config.port()).sync().channel();
        log.info("HTTP listening on {} (/healthz, /metrics)", channel.localAddress());
        return new HttpServer(channel);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
