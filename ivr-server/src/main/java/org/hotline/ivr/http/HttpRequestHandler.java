package org.hotline.ivr.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one decoded request to the front door and writes its answer, or the WebSocket handshake. A request the
 * codec could not decode gets 414, 431 or 400, one log line, and the connection closes. While a request is being
 * answered the connection reads nothing more, so responses leave in request order.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String NAME = "http-routes";
    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final Dispatcher dispatcher;
    private final HttpMetrics metrics;

    HttpRequestHandler(Dispatcher dispatcher, HttpMetrics metrics) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (request.decoderResult().isFailure()) {
            refuseUndecodable(ctx, request.decoderResult());
            return;
        }
        boolean upgrade = isUpgrade(request);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        WebRequest copy = WebRequest.copyOf(request, remote);
        ctx.channel().config().setAutoRead(false);
        if (upgrade) {
            request.retain();
        }
        dispatcher.answer(copy, upgrade).whenComplete((answer, error) -> ctx.channel().eventLoop().execute(() -> {
            try {
                if (answer.socket() != null) {
                    WebSocketUpgrade.handshake(ctx, request, answer.socket());
                } else {
                    write(ctx, keepAlive, answer.response());
                    ctx.channel().config().setAutoRead(true);
                }
            } finally {
                if (upgrade) {
                    request.release();
                }
            }
        }));
    }

    private void refuseUndecodable(ChannelHandlerContext ctx, DecoderResult result) {
        Throwable cause = result.cause();
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        metrics.refused(status == HttpResponseStatus.REQUEST_URI_TOO_LONG ? "uri_too_long"
                : status == HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE ? "headers_too_large"
                : status == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE ? "body_too_large" : "undecodable");
        logRefusal(ctx, status, cause == null ? "undecodable" : cause.getMessage());
        write(ctx, false, HttpResponses.error(status, status.reasonPhrase().toLowerCase()));
    }

    /** The one line a refused request is worth: who, what status, why. */
    static void logRefusal(ChannelHandlerContext ctx, HttpResponseStatus status, String why) {
        String peer = ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null
                ? remote.getAddress().getHostAddress() : "?";
        log.warn("HTTP request from {} refused with {}: {}", peer, status.code(), why);
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpResponses.secured(response);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(f -> ctx.close());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            log.debug("HTTP connection from {} idle: closed", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection closed: {}", cause.toString());
        ctx.close();
    }
}
