package org.hotline.ivr.redis;

import java.time.Duration;

/** Exponential backoff: {@code first}, doubling each attempt, capped at {@code max}. */
public record RetryPolicy(int retries, Duration first, Duration max) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(2));

    /**
     * As many retries as keep an operation going for at least {@code window} (from 100 ms doubling to 1 s):
     * the window must cover a Sentinel failover (its {@code down-after-milliseconds} plus the election) for a
     * call to go on across one.
     */
    public static RetryPolicy covering(Duration window) {
        RetryPolicy policy = new RetryPolicy(0, Duration.ofMillis(100), Duration.ofSeconds(1));
        long total = 0;
        int retries = 0;
        while (total < window.toMillis()) {
            retries++;
            total += policy.delayBefore(retries).toMillis();
        }
        return new RetryPolicy(retries, policy.first(), policy.max());
    }

    public Duration delayBefore(int attempt) {
        long millis = first.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
