package org.hotline.ivr.redis;

/** Redis did not answer after every retry; the caller decides what to keep locally. */
public final class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String what, Throwable cause) {
        super("Redis unavailable for " + what + ": " + cause.getMessage(), cause);
    }
}
