package org.hotline.ivr.redis;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.ThreadExecutorMap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * All Redis traffic goes through here, whatever the {@link RedisTopology}. An outage is retried with
 * exponential backoff: a lost connection, a master that died and is being replaced by Sentinel (its replica
 * answers {@code READONLY}/{@code MASTERDOWN} until promoted), a cluster moving slots or briefly down. The
 * first failure and the recovery are logged once each, and {@link #up()} feeds the health endpoint. Blocking
 * calls run on a small pool of their own so event loops never wait on Redis; a call made on an event loop all the
 * same is tried once, never retried with sleeps there.
 */
public final class RedisGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisGateway.class);
    /** Replies that mean "not now, ask again" during a failover or resharding, not "wrong command". */
    private static final List<String> TRANSIENT = List.of("READONLY", "LOADING", "MASTERDOWN", "CLUSTERDOWN",
            "TRYAGAIN", "MOVED", "ASK", "UNBLOCKED");
    // (CROSSSLOT is not among them: a script or command spanning slots is a bug to surface, not an outage.)

    /** A write and whether enough replicas confirmed it in time (always true when no wait is configured). */
    public record Replicated<T>(T value, boolean confirmed) {
    }

    private final RedisConnections connections;
    private final RetryPolicy retry;
    private final ExecutorService io;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final LongAdder unconfirmed = new LongAdder();

    /** One standalone server at {@code url} (tests, benchmarks, {@code redis.url}). */
    public RedisGateway(String url, Duration timeout, RetryPolicy retry) {
        this(RedisTopology.standalone(url), timeout, retry);
    }

    public RedisGateway(RedisTopology topology, Duration timeout, RetryPolicy retry) {
        this.connections = new RedisConnections(topology, timeout);
        this.retry = retry;
        this.io = Executors.newFixedThreadPool(8, new DefaultThreadFactory("redis-io", true));
    }

    /** Runs {@code operation}, retrying while Redis is unreachable; {@code what} names it in logs. */
    public <T> T call(String what, Function<UnifiedJedis, T> operation) {
        return retrying(what, () -> operation.apply(connections.jedis()));
    }

    /** The same, off the caller's thread. */
    public <T> CompletionStage<T> callAsync(String what, Function<UnifiedJedis, T> operation) {
        return CompletableFuture.supplyAsync(() -> call(what, operation), io);
    }

    /**
     * A write that must survive a failover: {@code operation} runs on one connection to the master owning
     * {@code key}, then {@code WAIT} asks for the configured replicas' acknowledgement. Not confirmed in time
     * means the master has it but a failover now could lose it: the caller keeps its own copy until it can
     * confirm. Commands in {@code operation} must all touch {@code key}'s slot, and be idempotent: an outage
     * between the write and its {@code WAIT} runs the whole of it again.
     */
    public <T> Replicated<T> callReplicated(String what, String key, Function<UnifiedJedis, T> operation) {
        RedisTopology.ReplicaAcks acks = connections.topology().acks();
        if (!acks.enabled()) {
            return new Replicated<>(call(what, operation), true);
        }
        return retrying(what, () -> {
            try (UnifiedJedis one = connections.pinned(key)) {
                T value = operation.apply(one);
                long acked = one.waitReplicas(key, acks.replicas(), acks.timeout().toMillis());
                if (acked < acks.replicas()) {
                    unconfirmed.increment();
                    log.warn("{}: {} of {} replicas confirmed within {} ms; kept until confirmed", what, acked,
                            acks.replicas(), acks.timeout().toMillis());
                    return new Replicated<>(value, false);
                }
                return new Replicated<>(value, true);
            }
        });
    }

    /** {@link #callReplicated} off the caller's thread when {@code replicated}, else {@link #callAsync}. */
    public <T> CompletionStage<T> callReplicatedAsync(String what, String key, boolean replicated,
                                                      Function<UnifiedJedis, T> operation) {
        return replicated
                ? CompletableFuture.supplyAsync(() -> callReplicated(what, key, operation).value(), io)
                : callAsync(what, operation);
    }

    /**
     * Reads (or idempotent writes) in one pipelined round trip per master, over keys of any slot: {@code queue} adds
     * the commands and returns their responses, whose values come back once all have answered (a retried round trip
     * sends them all again, so nothing is taken from a half-answered one). {@code jedis.pipelined()} inside
     * {@link #call} is one connection only, which a Cluster answers with MOVED for keys of other masters.
     */
    public <T> List<T> callPipelined(String what, Function<AbstractPipeline, List<Response<T>>> queue) {
        return retrying(what, () -> {
            try (AbstractPipeline pipeline = connections.pipeline()) {
                List<Response<T>> replies = queue.apply(pipeline);
                pipeline.sync();
                return replies.stream().map(Response::get).toList();
            }
        });
    }

    /** Runs {@code operation} on each master once (a SCAN over every slot needs all of them). */
    public <T> List<T> callEachMaster(String what, Function<UnifiedJedis, T> operation) {
        return retrying(what, () -> {
            List<UnifiedJedis> masters = connections.perMaster();
            try {
                return masters.stream().map(operation).toList();
            } finally {
                masters.forEach(UnifiedJedis::close);
            }
        });
    }

    /** One PING without retries: the health probe's view. */
    public boolean ping() {
        try {
            connections.jedis().ping();
            markUp();
            return true;
        } catch (JedisException e) {
            if (!isTransient(e)) {
                throw e;
            }
            markDown(e);
            return false;
        }
    }

    public boolean up() {
        return up.get();
    }

    /** The master written to now (after a failover: the promoted one); for a cluster, its masters. */
    public String address() {
        return connections.current();
    }

    public RedisTopology topology() {
        return connections.topology();
    }

    /** Writes no replica confirmed in time so far: a metric, and a sign the replicas lag or are gone. */
    public long unconfirmedWrites() {
        return unconfirmed.sum();
    }

    private <T> T retrying(String what, java.util.function.Supplier<T> attempt) {
        JedisException last = null;
        // An event loop that slept through the backoff would stall every connection it carries (the calls' FastAGI
        // and audio among them): there, one attempt and the outage is the caller's to handle.
        int retries = onEventLoop() ? 0 : retry.retries();
        for (int n = 0; n <= retries; n++) {
            if (n > 0) {
                sleep(retry.delayBefore(n));
            }
            try {
                T result = attempt.get();
                markUp();
                return result;
            } catch (JedisException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                last = e;
                markDown(e);
                if (e instanceof JedisRedirectionException || e instanceof JedisClusterOperationException) {
                    connections.refreshTopology();
                }
            }
        }
        throw new RedisUnavailableException(what, last);
    }

    private static boolean onEventLoop() {
        return ThreadExecutorMap.currentExecutor() instanceof EventLoop;
    }

    static boolean isTransient(JedisException e) {
        if (e instanceof JedisClusterOperationException) {
            // "No more cluster attempts left", "No reachable node": an outage. "Keys must belong to same
            // hashslot": a bug in the caller, refused before it reached Redis; retrying cannot help.
            return e.getMessage() == null || !e.getMessage().contains("hashslot");
        }
        if (e instanceof JedisConnectionException || e instanceof JedisRedirectionException) {
            return true;
        }
        if (e instanceof JedisDataException && e.getMessage() != null) {
            String message = e.getMessage();
            return TRANSIENT.stream().anyMatch(message::startsWith);
        }
        return false;
    }

    private void markUp() {
        if (up.compareAndSet(false, true)) {
            log.info("Redis ({}) is reachable again", address());
        }
    }

    private void markDown(JedisException e) {
        if (up.compareAndSet(true, false)) {
            log.error("Redis ({}) is unreachable ({}); retrying with backoff, health is red",
                    connections.topology().describe(), e.getMessage());
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
        connections.close();
    }
}
