package org.hotline.ivr.seat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.redis.RedisGateway;

/**
 * Console sessions in Redis, so any node serves any seat and a restart logs nobody out. The key is a SHA-256
 * of the cookie token: a copy of Redis holds no usable cookie. Sessions slide: each use renews the expiry.
 */
public final class SessionStore {

    /** A new session: the token goes into the cookie, the session is what the server knows. */
    public record Opened(String token, Session session) {
    }

    private static final String PREFIX = "console:session:";
    private final RedisGateway redis;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public SessionStore(RedisGateway redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    public Opened open(Account account) {
        String token = randomToken();
        Session session = new Session(keyOf(token), account.roles(), account.id(), account.name(), randomToken());
        String roles = session.roles().stream().map(Role::name).sorted().collect(Collectors.joining(","));
        Map<String, String> fields = Map.of("roles", roles, "subject", session.subject(),
                "name", session.name(), "csrf", session.csrf());
        redis.call("console session open", jedis -> {
            jedis.hset(PREFIX + session.key(), fields);
            return jedis.pexpire(PREFIX + session.key(), ttl.toMillis());
        });
        return new Opened(token, session);
    }

    /** The live session for a cookie token, renewing its expiry; empty for an unknown or expired token. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String key = keyOf(token);
        Map<String, String> fields = redis.call("console session", jedis -> {
            Map<String, String> found = jedis.hgetAll(PREFIX + key);
            if (!found.isEmpty()) {
                jedis.pexpire(PREFIX + key, ttl.toMillis());
            }
            return found;
        });
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        // "role": one role, as sessions opened before roles were lists say it.
        Set<Role> roles = Arrays.stream(fields.getOrDefault("roles", fields.getOrDefault("role", "")).split(","))
                .filter(name -> !name.isBlank()).map(Role::valueOf).collect(Collectors.toSet());
        return Optional.of(new Session(key, roles, fields.get("subject"), fields.getOrDefault("name", ""),
                fields.get("csrf")));
    }

    /** Ends the session of a cookie token. */
    public void close(String token) {
        String key = keyOf(token);
        redis.call("console session close", jedis -> jedis.del(PREFIX + key));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String keyOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }
}
