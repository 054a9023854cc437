package org.hotline.ivr.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * The scraper's bearer token for {@code /metrics} ({@code http.metricsTokenEnv}): the principal "metrics" with
 * role metrics and nothing else. The token comes from the environment and is compared in constant time.
 */
public final class MetricsToken implements Authenticator {

    private static final Principal SCRAPER = Principal.token("metrics", Set.of(Role.METRICS));

    private final byte[] token;

    public MetricsToken(String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("an empty metrics token would let anyone in");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean presented(WebRequest request) {
        return request.bearer().isPresent();
    }

    @Override
    public List<Principal> principals(WebRequest request) {
        byte[] given = request.bearer().orElse("").getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token) ? List.of(SCRAPER) : List.of();
    }
}
