package org.hotline.ivr.seat;

import java.time.Duration;
import java.util.Optional;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.redis.RedisGateway;
import redis.clients.jedis.params.SetParams;

/**
 * Slows password guessing down, counted in Redis so every node sees the same tally: after a few failures for
 * one account, or more from one address (a call centre shares one address), further attempts are refused for
 * a delay that doubles with each failure, up to five minutes. A success clears the account's count.
 */
public final class LoginThrottle {

    public record Limits(int freePerAccount, int freePerAddress, Duration window, Duration maxDelay) {
        public static final Limits DEFAULT = new Limits(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(5));
    }

    private static final String PREFIX = "console:login-fail:";
    private final RedisGateway redis;
    private final Limits limits;

    public LoginThrottle(RedisGateway redis, Limits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    /** How long this attempt must wait, if it may not try now. */
    public Optional<Duration> waitBefore(Role role, String account, String address) {
        long wait = redis.call("login throttle", jedis -> Math.max(
                jedis.pttl(lockKey(accountKey(role, account))), jedis.pttl(lockKey(addressKey(address)))));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    public void failed(Role role, String account, String address) {
        count(accountKey(role, account), limits.freePerAccount());
        count(addressKey(address), limits.freePerAddress());
    }

    public void succeeded(Role role, String account) {
        String key = accountKey(role, account);
        redis.call("login throttle reset", jedis -> jedis.del(key, lockKey(key)));
    }

    private void count(String key, int free) {
        redis.call("login throttle count", jedis -> {
            long failures = jedis.incr(key);
            jedis.pexpire(key, limits.window().toMillis());
            if (failures >= free) {
                long doublings = Math.min(20, failures - free);
                long delay = Math.min(limits.maxDelay().toMillis(), 1000L << doublings);
                jedis.set(lockKey(key), "1", SetParams.setParams().px(delay));
            }
            return failures;
        });
    }

    private static String accountKey(Role role, String account) {
        return PREFIX + role.name().toLowerCase() + ":" + account;
    }

    private static String addressKey(String address) {
        return PREFIX + "addr:" + address;
    }

    private static String lockKey(String key) {
        return key + ":lock";
    }
}
