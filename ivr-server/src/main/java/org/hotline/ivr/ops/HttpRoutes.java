package org.hotline.ivr.ops;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The HTTP paths this node serves; each package registers its own (health, metrics, console, API). */
public final class HttpRoutes {

    /** Answers one request. Runs on an event loop: must not block. */
    @FunctionalInterface
    public interface Route {
        FullHttpResponse handle(FullHttpRequest request);
    }

    private final Map<String, Route> exact = new ConcurrentHashMap<>();

    public HttpRoutes add(String path, Route route) {
        exact.put(path, route);
        return this;
    }

    Optional<Route> find(String path) {
        return Optional.ofNullable(exact.get(path));
    }
}
