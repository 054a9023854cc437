package org.hotline.ivr.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * One registered route: method, path pattern, the role it needs, and how it runs. Blocking routes (the default:
 * anything that reads Redis or disk) run on the HTTP route pool; non-blocking ones answer on the event loop and
 * must not wait on anything. WebSocket routes answer an upgrade request with an endpoint.
 */
public record Route(HttpMethod method, RoutePattern pattern, Role role, Mode mode, Handler handler,
                    WebSocketEndpoint webSocket) {

    /** Where a route runs. */
    public enum Mode {
        /** On the bounded route pool (503 when it is full): the default. */
        BLOCKING,
        /** On the connection's event loop: for answers from memory only. */
        NON_BLOCKING,
        /** A WebSocket upgrade, admitted on the route pool. */
        WEBSOCKET
    }

    /** Answers one request; the request carries its path parameters and, unless the route is public, its principal. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<FullHttpResponse> answer(WebRequest request);
    }

    /** What a request answered in one go returns. */
    @FunctionalInterface
    public interface SyncHandler {
        FullHttpResponse answer(WebRequest request);
    }

    public String path() {
        return pattern.text();
    }

    public boolean open() {
        return role == Role.PUBLIC;
    }

    @Override
    public String toString() {
        return method + " " + pattern.text() + " (" + role.label() + ", " + mode.name().toLowerCase() + ")";
    }
}
