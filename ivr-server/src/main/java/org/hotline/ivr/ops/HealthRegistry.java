package org.hotline.ivr.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The parts whose health {@code /healthz} reports, by name. */
public final class HealthRegistry {

    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

    public void register(String name, HealthCheck check) {
        checks.put(name, check);
    }

    /** Ready when every required part is up. */
    public Report report() {
        Map<String, HealthCheck.Status> statuses = new LinkedHashMap<>();
        boolean ready = true;
        for (Map.Entry<String, HealthCheck> entry : new java.util.TreeMap<>(checks).entrySet()) {
            HealthCheck.Status status;
            try {
                status = entry.getValue().check();
            } catch (RuntimeException e) {
                status = new HealthCheck.Status(false, true, e.getMessage());
            }
            statuses.put(entry.getKey(), status);
            ready &= status.up() || !status.required();
        }
        return new Report(ready, statuses);
    }

    public record Report(boolean ready, Map<String, HealthCheck.Status> checks) {
    }
}
