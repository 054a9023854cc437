package org.hotline.ivr.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which browser origins may drive the console: the configured list, or, when it is empty, the page's own host
 * (scheme http or https, the {@code Host} the browser used). A request without an Origin header did not come
 * from a cross-site page in a browser and is left to the CSRF token.
 */
public final class OriginPolicy {

    private final List<String> allowed;

    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normal).toList();
    }

    public boolean allows(WebRequest request) {
        Optional<String> origin = request.header("Origin");
        return origin.isEmpty() || allowsOrigin(origin.get(), request.header("Host").orElse(""));
    }

    /** For WebSocket upgrades, which every browser sends with an Origin: its absence is refused. */
    public boolean allowsUpgrade(WebRequest request) {
        return request.header("Origin").map(o -> allowsOrigin(o, request.header("Host").orElse(""))).orElse(false);
    }

    private boolean allowsOrigin(String origin, String host) {
        String given = normal(origin);
        if (!allowed.isEmpty()) {
            return allowed.contains(given);
        }
        String own = host.toLowerCase(Locale.ROOT);
        return !own.isEmpty() && (given.equals("http://" + own) || given.equals("https://" + own));
    }

    private static String normal(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
