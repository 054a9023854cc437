package org.hotline.ivr.ops;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one decoded request to its route, or hands a WebSocket upgrade to {@link WebSocketUpgrade}.
 * While a route is still answering, the connection reads nothing more, so responses leave in request order.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String NAME = "http-routes";
    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final HttpRoutes routes;

    HttpRequestHandler(HttpRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (isUpgrade(request)) {
            routes.webSocket(path).ifPresentOrElse(
                    endpoint -> WebSocketUpgrade.start(ctx, request, remote, endpoint),
                    () -> write(ctx, request, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no WebSocket at " + path)));
            return;
        }
        CompletionStage<FullHttpResponse> answer = routes.find(path)
                .map(target -> invoke(target, request, remote, path))
                .orElseGet(() -> CompletableFuture.completedFuture(
                        HttpResponses.error(HttpResponseStatus.NOT_FOUND, "no such path: " + path)));
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String method = request.method().name();
        ctx.channel().config().setAutoRead(false);
        answer.whenComplete((response, error) -> {
            FullHttpResponse out = response;
            if (error != null || response == null) {
                log.warn("HTTP {} {} failed: {}", method, path, String.valueOf(error));
                out = HttpResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
            write(ctx, keepAlive, out);
            ctx.channel().config().setAutoRead(true);
        });
    }

    private static CompletionStage<FullHttpResponse> invoke(HttpRoutes.Target target, FullHttpRequest request,
                                                            InetSocketAddress remote, String path) {
        try {
            return target.answer(request, remote);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    static void write(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        write(ctx, HttpUtil.isKeepAlive(request), response);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
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
