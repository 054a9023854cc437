package org.hotline.ivr.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP listener: health, metrics, and whatever other packages add to {@link HttpRoutes}. */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final int MAX_BODY = 1 << 20;

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
                                .addLast(new RouteHandler(routes));
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

    private static final class RouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final HttpRoutes routes;

        RouteHandler(HttpRoutes routes) {
            this.routes = routes;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            FullHttpResponse response;
            try {
                response = routes.find(path)
                        .map(route -> route.handle(request))
                        .orElseGet(() -> HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no such path: " + path));
            } catch (RuntimeException e) {
                log.warn("HTTP {} {} failed: {}", request.method(), path, e.toString());
                response = HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(f -> ctx.close());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP connection closed: {}", cause.toString());
            ctx.close();
        }
    }
}
