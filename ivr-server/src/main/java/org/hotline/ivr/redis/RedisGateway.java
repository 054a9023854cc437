package org.hotline.ivr.redis;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * All Redis traffic goes through here. A lost connection is retried with exponential backoff; the first
 * failure and the recovery are logged once each, and {@link #up()} feeds the health endpoint. Blocking
 * calls run on a small pool of their own so event loops never wait on Redis.
 */
public final class RedisGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisGateway.class);

    private final UnifiedJedis jedis;
    private final String address;
    private final RetryPolicy retry;
    private final ExecutorService io;
    private final AtomicBoolean up = new AtomicBoolean(true);

    public RedisGateway(String url, Duration timeout, RetryPolicy retry) {
        URI uri = URI.create(url);
        HostAndPort hostAndPort = JedisURIHelper.getHostAndPort(uri);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .timeoutMillis((int) timeout.toMillis())
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("ivr");
        String password = JedisURIHelper.getPassword(uri);
        if (password != null) {
            config.user(JedisURIHelper.getUser(uri)).password(password);
        }
        this.jedis = new JedisPooled(hostAndPort, config.build());
        this.address = hostAndPort.toString();
        this.retry = retry;
        this.io = Executors.newFixedThreadPool(8, new DefaultThreadFactory("redis-io", true));
    }

    /** Runs {@code operation}, retrying while Redis is unreachable; {@code what} names it in logs. */
    public <T> T call(String what, Function<UnifiedJedis, T> operation) {
        JedisConnectionException last = null;
        for (int attempt = 0; attempt <= retry.retries(); attempt++) {
            if (attempt > 0) {
                sleep(retry.delayBefore(attempt));
            }
            try {
                T result = operation.apply(jedis);
                markUp();
                return result;
            } catch (JedisConnectionException e) {
                last = e;
                markDown(e);
            }
        }
        throw new RedisUnavailableException(what, last);
    }

    /** The same, off the caller's thread. */
    public <T> CompletionStage<T> callAsync(String what, Function<UnifiedJedis, T> operation) {
        return CompletableFuture.supplyAsync(() -> call(what, operation), io);
    }

    /** One PING without retries: the health probe's view. */
    public boolean ping() {
        try {
            jedis.ping();
            markUp();
            return true;
        } catch (JedisConnectionException e) {
            markDown(e);
            return false;
        }
    }

    public boolean up() {
        return up.get();
    }

    public String address() {
        return address;
    }

    private void markUp() {
        if (up.compareAndSet(false, true)) {
            log.info("Redis at {} is reachable again", address);
        }
    }

    private void markDown(JedisConnectionException e) {
        if (up.compareAndSet(true, false)) {
            log.error("Redis at {} is unreachable ({}); retrying with backoff, health is red", address, e.getMessage());
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Redis", e);
        }
    }

    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jedis.close();
    }
}
