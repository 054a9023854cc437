package org.hotline.ivr.ops;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP paths this node serves; each package registers its own (health, metrics, console, API).
 * Exact paths win; otherwise the longest registered prefix (e.g. {@code /api/orders/}) answers.
 * WebSocket paths are registered apart: only an upgrade request reaches them.
 */
public final class HttpRoutes {

    /** Answers one request. Runs on an event loop: must not block. */
    @FunctionalInterface
    public interface Route {
        FullHttpResponse handle(FullHttpRequest request);
    }

    /**
     * Answers one request whenever it is ready: for routes that wait on Redis, hash a password, or need the
     * remote address and cookies. The stage may complete on any thread.
     */
    @FunctionalInterface
    public interface AsyncRoute {
        CompletionStage<FullHttpResponse> handle(WebRequest request);
    }

    /** What the server calls, whichever kind of route was registered. */
    @FunctionalInterface
    interface Target {
        CompletionStage<FullHttpResponse> answer(FullHttpRequest request, InetSocketAddress remote);
    }

    private final Map<String, Target> exact = new ConcurrentHashMap<>();
    private final Map<String, Target> prefixes = new ConcurrentHashMap<>();
    private final Map<String, WebSocketEndpoint> webSockets = new ConcurrentHashMap<>();

    public HttpRoutes add(String path, Route route) {
        exact.put(path, sync(route));
        return this;
    }

    /** Serves every path that starts with {@code prefix}. */
    public HttpRoutes addPrefix(String prefix, Route route) {
        prefixes.put(prefix, sync(route));
        return this;
    }

    public HttpRoutes addAsync(String path, AsyncRoute route) {
        exact.put(path, async(route));
        return this;
    }

    public HttpRoutes addAsyncPrefix(String prefix, AsyncRoute route) {
        prefixes.put(prefix, async(route));
        return this;
    }

    /** Accepts WebSocket upgrades on exactly {@code path}. */
    public HttpRoutes addWebSocket(String path, WebSocketEndpoint endpoint) {
        webSockets.put(path, endpoint);
        return this;
    }

    Optional<Target> find(String path) {
        Target target = exact.get(path);
        if (target != null) {
            return Optional.of(target);
        }
        return prefixes.entrySet().stream()
                .filter(entry -> path.startsWith(entry.getKey()))
                .max(Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(Map.Entry::getValue);
    }

    Optional<WebSocketEndpoint> webSocket(String path) {
        return Optional.ofNullable(webSockets.get(path));
    }

    private static Target sync(Route route) {
        return (request, remote) -> CompletableFuture.completedFuture(route.handle(request));
    }

    private static Target async(AsyncRoute route) {
        return (request, remote) -> route.handle(WebRequest.copyOf(request, remote));
    }
}
