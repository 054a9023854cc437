package org.hotline.ivr.ops;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP paths this node serves; each package registers its own (health, metrics, console, API).
 * Exact paths win; otherwise the longest registered prefix (e.g. {@code /api/orders/}) answers.
 */
public final class HttpRoutes {

    /** Answers one request. Runs on an event loop: must not block. */
    @FunctionalInterface
    public interface Route {
        FullHttpResponse handle(FullHttpRequest request);
    }

    private final Map<String, Route> exact = new ConcurrentHashMap<>();
    private final Map<String, Route> prefixes = new ConcurrentHashMap<>();

    public HttpRoutes add(String path, Route route) {
        exact.put(path, route);
        return this;
    }

    /** Serves every path that starts with {@code prefix}. */
    public HttpRoutes addPrefix(String prefix, Route route) {
        prefixes.put(prefix, route);
        return this;
    }

    Optional<Route> find(String path) {
        Route route = exact.get(path);
        if (route != null) {
            return Optional.of(route);
        }
        return prefixes.entrySet().stream()
                .filter(entry -> path.startsWith(entry.getKey()))
                .max(Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(Map.Entry::getValue);
    }
}
