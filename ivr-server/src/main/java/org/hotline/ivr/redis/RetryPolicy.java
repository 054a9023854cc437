package org.hotline.ivr.redis;

import java.time.Duration;

/** Exponential backoff: {@code first}, doubling each attempt, capped at {@code max}. */
public record RetryPolicy(int retries, Duration first, Duration max) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(2));

    public Duration delayBefore(int attempt) {
        long millis = first.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
