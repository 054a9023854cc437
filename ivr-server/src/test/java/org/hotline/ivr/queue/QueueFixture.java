package org.hotline.ivr.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RedisUnderTest;
import org.hotline.ivr.redis.RetryPolicy;

/**
 * Distributor nodes on a real Redis: a redis-server of the fixture's own, or the Redis under test (a class's
 * server or the cluster, see {@link RedisUnderTest}); ticks are driven by hand through {@link #clock}.
 */
public final class QueueFixture implements AutoCloseable {

    public static final Duration WRAP_UP = Duration.ofSeconds(10);

    private final EmbeddedRedis own;
    private final Supplier<RedisGateway> gateways;
    public final MutableClock clock = new MutableClock(1_764_000_000_000L);
    private final List<AutoCloseable> open = new ArrayList<>();

    public QueueFixture() throws Exception {
        Path dir = Files.createTempDirectory("queue-redis");
        EmbeddedRedis redis = EmbeddedRedis.start(dir);
        this.own = redis;
        this.gateways = () -> {
            RedisGateway gateway = new RedisGateway(redis.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
            open.add(gateway);
            return gateway;
        };
    }

    /** On the Redis under test, which closes the gateways it hands out. */
    public QueueFixture(RedisUnderTest redis) {
        this.own = null;
        this.gateways = redis::newGateway;
    }

    /** Queues: general (longest-idle), tax (fewest-calls), enterprise (highest-skill), en (foreign). */
    public static QueueSetup setup(List<SeatConfig> seats) {
        return new QueueSetup(seats, List.of(
                queue("general", "general", "zh", RoutingStrategy.LONGEST_IDLE),
                queue("tax", "tax", "zh", RoutingStrategy.FEWEST_CALLS),
                queue("enterprise", "enterprise", "zh", RoutingStrategy.HIGHEST_SKILL),
                queue("foreign", "foreign", "en", RoutingStrategy.LONGEST_IDLE)),
                Map.of("urgent", new PriorityClass("urgent", Duration.ofMinutes(10)),
                        "elderly", new PriorityClass("elderly", Duration.ofMinutes(3)),
                        "normal", new PriorityClass("normal", Duration.ZERO)));
    }

    public static QueueConfig queue(String id, String skill, String language, RoutingStrategy strategy) {
        return new QueueConfig(id, id, "main", skill, 1, language, strategy, WRAP_UP, Duration.ofSeconds(20), 0.8,
                Duration.ofSeconds(20), Duration.ofMinutes(10), QueueConfig.Overflow.NONE, "", Duration.ofSeconds(45),
                Duration.ofMinutes(2));
    }

    public static SeatConfig seat(String id, Map<String, Integer> skills, String... languages) {
        return new SeatConfig(id, "Seat " + id, "PJSIP/" + id, "main", skills, List.of(languages), "unused");
    }

    /** A started distributor node with its own Redis connection pool; automatic ticks are off. */
    public CallDistributor node(String nodeId, QueueSetup setup, CallbackDialer dialer) {
        return unstartedNode(nodeId, setup).handCallbacksTo(dialer).start();
    }

    /** The same, not started yet: for a callback side that needs the distributor before it starts. */
    public CallDistributor unstartedNode(String nodeId, QueueSetup setup) {
        RedisGateway gateway = gateways.get();
        DistributorSettings settings = new DistributorSettings(nodeId, Duration.ofHours(1), Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofMinutes(3));
        CallDistributor distributor = new CallDistributor(gateway, setup, settings, clock);
        open.add(distributor);
        return distributor;
    }

    public RedisGateway gateway() {
        RedisGateway gateway = gateways.get();
        return gateway;
    }

    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage did not complete: " + e, e);
        }
    }

    /** Enqueues and waits until the enqueue script has run (not for a seat), so the next step sees the call. */
    public static CompletableFuture<SeatOffer> enqueued(CallDistributor node, WaitingCall call) {
        CompletableFuture<SeatOffer> offer = node.enqueue(call).toCompletableFuture();
        await(node.position(call));
        return offer;
    }

    public static WaitingCall call(String id, String queue, String priorityClass) {
        return new WaitingCall(id, queue, priorityClass, "zh", "13800138000");
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (own != null) {
            own.close();
        }
    }
}
