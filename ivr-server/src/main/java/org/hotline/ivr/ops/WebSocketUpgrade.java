package org.hotline.ivr.ops;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one HTTP connection into a WebSocket: the endpoint admits or refuses the upgrade request first (off
 * the event loop if it likes), then the handshake swaps the HTTP handlers for frame handlers.
 */
final class WebSocketUpgrade {

    static final int MAX_FRAME = 64 * 1024;
    /** A ping this often keeps proxies from dropping a quiet socket; no pong for twice as long closes it. */
    private static final int PING_SECONDS = 25;

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

    private WebSocketUpgrade() {
    }

    static void start(ChannelHandlerContext ctx, FullHttpRequest request, InetSocketAddress remote,
                      WebSocketEndpoint endpoint) {
        Channel channel = ctx.channel();
        channel.config().setAutoRead(false);
        request.retain();
        WebRequest copy = WebRequest.copyOf(request, remote);
        endpoint.admit(copy).whenComplete((admission, error) -> channel.eventLoop().execute(() -> {
            try {
                if (error != null || admission == null) {
                    log.warn("WebSocket admission for {} failed: {}", copy.path(), String.valueOf(error));
                    refuse(ctx, request, HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error"));
                } else if (!admission.accepted()) {
                    refuse(ctx, request, admission.refusal());
                } else {
                    handshake(ctx, request, admission.listener());
                }
            } finally {
                request.release();
            }
        }));
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request,
                               io.netty.handler.codec.http.FullHttpResponse refusal) {
        HttpRequestHandler.write(ctx, request, refusal);
        ctx.channel().config().setAutoRead(true);
    }

    private static void handshake(ChannelHandlerContext ctx, FullHttpRequest request, WebSocketEndpoint.Listener listener) {
        Channel channel = ctx.channel();
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(location, null, false, MAX_FRAME).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            channel.config().setAutoRead(true);
            return;
        }
        WebSocketFrameHandler frames = new WebSocketFrameHandler(handshaker, listener);
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.replace(HttpRequestHandler.NAME, WebSocketFrameHandler.NAME, frames);
        handshaker.handshake(channel, request).addListener(done -> {
            if (!done.isSuccess()) {
                log.debug("WebSocket handshake failed: {}", done.cause().toString());
                channel.close();
                return;
            }
            pipeline.addBefore(WebSocketFrameHandler.NAME, "ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME));
            pipeline.addBefore(WebSocketFrameHandler.NAME, "ws-idle",
                    new IdleStateHandler(PING_SECONDS * 2, PING_SECONDS, 0, TimeUnit.SECONDS));
            frames.opened(channel);
            channel.config().setAutoRead(true);
        });
    }
}
