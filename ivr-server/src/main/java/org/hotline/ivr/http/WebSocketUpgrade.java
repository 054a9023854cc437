package org.hotline.ivr.http;

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
 * Turns one HTTP connection into a WebSocket once the front door admitted the upgrade (role, Origin, then the
 * endpoint's own say): the handshake swaps the HTTP handlers for frame handlers.
 */
final class WebSocketUpgrade {

    static final int MAX_FRAME = 64 * 1024;
    /** A ping this often keeps proxies from dropping a quiet socket; no pong for twice as long closes it. */
    private static final int PING_SECONDS = 25;

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

    private WebSocketUpgrade() {
    }

    /** On the event loop, for an upgrade the front door admitted: swaps the HTTP handlers for frame handlers. */
    static void handshake(ChannelHandlerContext ctx, FullHttpRequest request, WebSocketEndpoint.Listener listener) {
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
        // The socket's own pings keep it alive from here on; the HTTP idle timer would close a quiet feed.
        pipeline.remove(HttpInitializer.IDLE);
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
