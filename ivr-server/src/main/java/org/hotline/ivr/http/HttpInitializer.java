package org.hotline.ivr.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.ConnectionLimit;
import org.hotline.ivr.ops.IvrConfig;

/**
 * One HTTP connection's pipeline: the connection caps (all peers, one peer), an idle timer, Netty's codec with the request line and header limits, the
 * aggregator with the body limit, then the handler that hands each request to the front door.
 */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {

    static final String IDLE = "http-idle";

    private final IvrConfig.Http config;
    private final Dispatcher dispatcher;
    private final ConnectionLimit limit;
    private final HttpMetrics metrics;

    HttpInitializer(IvrConfig.Http config, Dispatcher dispatcher, ConnectionLimit limit, HttpMetrics metrics) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.limit = limit;
        this.metrics = metrics;
    }

    /** Netty's aggregator answers an oversized body 413 itself: this counts and logs it like the other refusals. */
    private static final class BodyLimit extends HttpObjectAggregator {
        private final HttpMetrics metrics;

        BodyLimit(int maxBytes, HttpMetrics metrics) {
            super(maxBytes);
            this.metrics = metrics;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            metrics.refused("body_too_large");
            HttpRequestHandler.logRefusal(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "body larger than " + maxContentLength() + " bytes");
            super.handleOversizedMessage(ctx, oversized);
        }
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("http-limit", limit.handler())
                .addLast(IDLE, new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec(config.maxUriBytes(), config.maxHeaderBytes(), 8192))
                .addLast(new BodyLimit(config.maxBodyBytes(), metrics))
                .addLast(HttpRequestHandler.NAME, new HttpRequestHandler(dispatcher, metrics));
    }
}
