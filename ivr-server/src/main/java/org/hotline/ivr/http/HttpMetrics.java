package org.hotline.ivr.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What the front door refused, for the operator who wonders whether the limits bite: {@code
 * ivr_http_refused_total{reason}} ({@code too_many_connections}, {@code busy} for a full route pool, {@code
 * undecodable}, {@code uri_too_long}, {@code headers_too_large}, {@code body_too_large}), and how full the route
 * pool is ({@code ivr_http_route_pool_active}, {@code ivr_http_route_pool_queued}).
 */
public final class HttpMetrics {

    static final String REFUSED = "ivr_http_refused";

    private final MeterRegistry registry;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refused(String reason) {
        refused.computeIfAbsent(reason, r -> Counter.builder(REFUSED).tag("reason", r)
                .description("HTTP connections and requests the front door refused").register(registry)).increment();
    }

    void watch(ThreadPoolExecutor pool) {
        Gauge.builder("ivr_http_route_pool_active", pool, ThreadPoolExecutor::getActiveCount)
                .description("HTTP route threads answering a request now").register(registry);
        Gauge.builder("ivr_http_route_pool_queued", pool, p -> p.getQueue().size())
                .description("HTTP requests waiting for a route thread").register(registry);
    }
}
