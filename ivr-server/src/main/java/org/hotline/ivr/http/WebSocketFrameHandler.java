package org.hotline.ivr.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Frames of one open WebSocket to and from its endpoint's listener: text in, text out, pings, close. */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    static final String NAME = "ws-frames";
    private static final Logger log = LoggerFactory.getLogger(WebSocketFrameHandler.class);

    private final WebSocketServerHandshaker handshaker;
    private final WebSocketEndpoint.Listener listener;
    private final AtomicBoolean open = new AtomicBoolean();

    WebSocketFrameHandler(WebSocketServerHandshaker handshaker, WebSocketEndpoint.Listener listener) {
        this.handshaker = handshaker;
        this.listener = listener;
    }

    void opened(Channel channel) {
        open.set(true);
        listener.opened(new ChannelPeer(channel));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            listener.received(text.text());
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
        } else if (!(frame instanceof PongWebSocketFrame)) {
            handshaker.close(ctx.channel(), new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else if (idle.state() == IdleState.READER_IDLE) {
                log.debug("WebSocket {} silent too long; closing", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (open.compareAndSet(true, false)) {
            listener.closed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("WebSocket closed: {}", cause.toString());
        ctx.close();
    }

    private record ChannelPeer(Channel channel) implements WebSocketEndpoint.Peer {
        @Override
        public void send(String text) {
            if (channel.isActive()) {
                channel.writeAndFlush(new TextWebSocketFrame(text));
            }
        }

        @Override
        public void close() {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public boolean open() {
            return channel.isActive();
        }
    }
}
