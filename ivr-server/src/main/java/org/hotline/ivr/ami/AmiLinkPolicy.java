package org.hotline.ivr.ami;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a link behaves: which event classes it asks for, how long it waits for answers, how often it
 * pings (a link that stops answering pings is treated as dropped), and the reconnect backoff.
 *
 * @param eventMask       the {@code Events:} classes sent at login; only what the subscribers use
 * @param responseTimeout how long an action (and the login banner) may take
 * @param pingInterval    idle-link probe; a lost or hung Asterisk is noticed within about this long
 * @param firstRetry      first reconnect delay, doubled per failed attempt up to {@code maxRetry}
 */
public record AmiLinkPolicy(String eventMask, Duration responseTimeout, Duration pingInterval,
                            Duration firstRetry, Duration maxRetry) {

    /** DeviceStateChange, Hangup and OriginateResponse are class "call"; our dialplan's UserEvents are "user". */
    public static final String EVENT_MASK = "call,user";

    public static AmiLinkPolicy defaults() {
        return new AmiLinkPolicy(EVENT_MASK, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** The delay before reconnect attempt {@code attempt} (1-based), with up to 20% jitter so a farm of nodes does not reconnect in step. */
    public Duration retryDelay(int attempt) {
        long base = Math.min(maxRetry.toMillis(), firstRetry.toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
        long jitter = base / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 5);
        return Duration.ofMillis(base - jitter);
    }
}
