package org.hotline.ivr.redis;

import java.util.concurrent.TimeoutException;
import redis.clients.jedis.exceptions.JedisException;

/** Redis did not answer after every retry; the caller decides what to keep locally. */
public final class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String what, Throwable cause) {
        super("Redis unavailable for " + what + ": " + cause.getMessage(), cause);
    }

    /**
     * Whether {@code failure} (or what it wraps) means Redis did not take the command: unreachable after the
     * retries, no answer in time, or refused by Redis itself (a replica that is read-only during a fail-over):
     * what a caller keeps locally and tries again, unlike a fault of its own.
     */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RedisUnavailableException || cause instanceof JedisException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
