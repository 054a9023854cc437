package org.hotline.ivr.queue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RedisTopology;
import org.hotline.ivr.redis.RetryPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Routing benchmark: {@code seats} seats on call, {@code waiting} calls queued behind them over four queues
 * (one per strategy, seats in two queues each, mixed priority classes). Each measured decision is a seat
 * hanging up (wrap-up 0) and taking the best waiting call of its queues, in one script run; a new call is
 * queued after each so the backlog stays put. Latency is seat freed to call assigned, as the calling node sees it.
 */
@Command(name = "queue-bench", mixinStandardHelpOptions = true, versionProvider = org.hotline.ivr.ops.VersionProvider.class,
        description = "Measure routing latency and decisions per second of the Redis call distributor.")
public final class QueueBenchCommand implements Callable<Integer> {

    private static final Pattern EVALSHA =
            Pattern.compile("^cmdstat_evalsha:calls=(\\d+),usec=(\\d+),");
    private static final String[] QUEUES = {"general", "tax", "enterprise", "foreign"};
    private static final String[] CLASSES = {"normal", "normal", "normal", "elderly", "enterprise", "urgent"};

    @Option(names = "--seats", defaultValue = "1000", description = "seats, all on call (default ${DEFAULT-VALUE})")
    int seats;

    @Option(names = "--waiting", defaultValue = "10000", description = "calls waiting throughout (default ${DEFAULT-VALUE})")
    int waiting;

    @Option(names = "--decisions", defaultValue = "20000", description = "measured decisions per phase (default ${DEFAULT-VALUE})")
    int decisions;

    @Option(names = "--threads", defaultValue = "4", description = "threads in the throughput phase (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--redis", defaultValue = "", description = "redis://host:port; empty starts an embedded redis-server")
    String redisUrl;

    @Option(names = "--sentinels", split = ",", description = "host:port of each sentinel: the master behind Redis Sentinel")
    List<String> sentinels = List.of();

    @Option(names = "--master-name", defaultValue = "ivr", description = "the master the sentinels watch (default ${DEFAULT-VALUE})")
    String masterName;

    @Option(names = "--cluster", split = ",", description = "host:port seed nodes of a Redis Cluster")
    List<String> cluster = List.of();

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueueBenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean embeddedWanted = redisUrl.isBlank() && sentinels.isEmpty() && cluster.isEmpty();
        EmbeddedRedis embedded = embeddedWanted ? EmbeddedRedis.start(Files.createTempDirectory("queue-bench")) : null;
        try (RedisGateway redis = new RedisGateway(topology(embedded), Duration.ofSeconds(5), RetryPolicy.DEFAULT);
             CallDistributor distributor = new CallDistributor(redis, setup(),
                     new DistributorSettings("bench", Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(1),
                             Duration.ofHours(1), Duration.ofMinutes(3)), Clock.systemUTC())) {
            redis.callEachMaster("flush", jedis -> jedis.flushAll());
            distributor.start();
            System.out.printf("Redis: %s, writing to %s%n", redis.topology().describe(), redis.address());
            Bench bench = new Bench(distributor);
            bench.fill();
            long[] evalshaBefore = evalshaStats(redis);
            long tripsBefore = distributor.roundTrips();
            Histogram latency = bench.measure(1, decisions);
            long[] evalshaAfter = evalshaStats(redis);
            long evalsha = evalshaAfter[0] - evalshaBefore[0];
            double serverMicros = (evalshaAfter[1] - evalshaBefore[1]) / (double) Math.max(1, evalsha);
            long trips = distributor.roundTrips() - tripsBefore;
            long started = System.nanoTime();
            Histogram concurrent = bench.measure(threads, decisions);
            double seconds = (System.nanoTime() - started) / 1e9;
            report(latency, concurrent, seconds, evalsha, trips, bench.waitingNow());
            System.out.printf("Redis server time per script run (EVALSHA usec, 1-thread phase): %.1f us%n", serverMicros);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        return 0;
    }

    private void report(Histogram one, Histogram many, double seconds, long evalsha, long trips, long waitingNow) {
        // per measured step: hangup (the decision), answered, enqueue = 3 scripts
        System.out.printf("seats %d, waiting %d (now %d), 4 queues, decisions per phase %d%n", seats, waiting, waitingNow, decisions);
        System.out.printf("1 thread : seat freed -> call assigned p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                ms(one, 50), ms(one, 99), ms(one, 99.9), one.getMaxValue() / 1e6);
        System.out.printf("%d threads: p50 %.3f ms, p99 %.3f ms; %.0f decisions/s (%.0f scripts/s incl. answered + enqueue)%n",
                threads, ms(many, 50), ms(many, 99), decisions / seconds, 3 * decisions / seconds);
        System.out.printf("Redis round trips per script run: %.3f client-side, %.3f EVALSHA server-side%n",
                trips / (3.0 * decisions), evalsha / (3.0 * decisions));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    /** EVALSHA calls and microseconds spent in them, as the Redis server counts them. */
    private static long[] evalshaStats(RedisGateway redis) {
        long[] total = {0, 0};
        // Summed over every master: on a cluster each queue group's scripts run on the master owning its tag.
        for (String info : redis.callEachMaster("info", jedis -> jedis.info("commandstats"))) {
            for (String line : info.split("\r?\n")) {
                Matcher m = EVALSHA.matcher(line);
                if (m.find()) {
                    total[0] += Long.parseLong(m.group(1));
                    total[1] += Long.parseLong(m.group(2));
                }
            }
        }
        return total;
    }

    private RedisTopology topology(EmbeddedRedis embedded) {
        RedisTopology.ReplicaAcks noWait = RedisTopology.ReplicaAcks.NONE;
        if (!sentinels.isEmpty()) {
            return new RedisTopology.Sentinel(masterName, sentinels.stream().map(RedisTopology::hostAndPort).toList(),
                    System.getenv().getOrDefault("IVR_REDIS_PASSWORD", ""),
                    System.getenv().getOrDefault("IVR_REDIS_SENTINEL_PASSWORD", ""), noWait);
        }
        if (!cluster.isEmpty()) {
            return new RedisTopology.Cluster(cluster.stream().map(RedisTopology::hostAndPort).toList(),
                    System.getenv().getOrDefault("IVR_REDIS_PASSWORD", ""), noWait);
        }
        return RedisTopology.standalone(embedded != null ? embedded.url() : redisUrl);
    }

    private QueueSetup setup() {
        List<SeatConfig> seatList = new ArrayList<>();
        for (int i = 0; i < seats; i++) {
            String second = QUEUES[1 + i % 3];
            seatList.add(new SeatConfig("s" + i, "seat " + i, "PJSIP/s" + i, "main",
                    Map.of("general", 1 + i % 9, second, 1 + (i * 7) % 9), List.of("zh", "en"), "-"));
        }
        List<QueueConfig> queues = new ArrayList<>();
        RoutingStrategy[] strategies = {RoutingStrategy.LONGEST_IDLE, RoutingStrategy.FEWEST_CALLS,
                RoutingStrategy.HIGHEST_SKILL, RoutingStrategy.LONGEST_IDLE};
        for (int q = 0; q < QUEUES.length; q++) {
            queues.add(new QueueConfig(QUEUES[q], QUEUES[q], "main", QUEUES[q], 1, q == 3 ? "en" : "zh", strategies[q],
                    Duration.ZERO, Duration.ofSeconds(20), 0.8, Duration.ofSeconds(20), Duration.ofMinutes(10),
                    QueueConfig.Overflow.NONE, "", Duration.ofSeconds(45), Duration.ofMinutes(2)));
        }
        return new QueueSetup(seatList, queues, Map.of("normal", new PriorityClass("normal", Duration.ZERO),
                "elderly", new PriorityClass("elderly", Duration.ofMinutes(3)),
                "enterprise", new PriorityClass("enterprise", Duration.ofMinutes(2)),
                "urgent", new PriorityClass("urgent", Duration.ofMinutes(10))));
    }

    /** Drives the distributor through its synchronous script runs, as the benchmark's caller. */
    private final class Bench {
        private final CallDistributor distributor;
        private final String[] callOfSeat;
        private long nextCall;

        Bench(CallDistributor distributor) {
            this.distributor = distributor;
            this.callOfSeat = new String[seats];
        }

        /** Queue seats + waiting calls, log every seat in (each takes one) and answer: all on call, backlog waiting. */
        void fill() {
            Random random = new Random(1);
            for (int i = 0; i < seats + waiting; i++) {
                enqueue(random);
            }
            for (int i = 0; i < seats; i++) {
                String seat = "s" + i;
                String spec = distributor.setup().queuesServedBy(distributor.setup().requireSeat(seat)).stream()
                        .map(q -> q.id() + "=" + distributor.setup().requireSeat(seat).skillLevel(q.skill()))
                        .reduce((a, b) -> a + "," + b).orElse("");
                JsonNode offer = distributor.runUndelivered("main", "login", List.of(seat, spec)).path("offers").get(0);
                callOfSeat[i] = offer.path("call").asText();
                distributor.runUndelivered("main", "answered", List.of(callOfSeat[i], seat));
            }
        }

        Histogram measure(int threadCount, int total) throws Exception {
            Histogram histogram = new Histogram(3_600_000_000_000L, 3);
            ExecutorService pool = Executors.newFixedThreadPool(threadCount);
            List<Future<Histogram>> parts = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                int first = t;
                parts.add(pool.submit(() -> run(first, threadCount, total / threadCount)));
            }
            for (Future<Histogram> part : parts) {
                histogram.add(part.get());
            }
            pool.shutdown();
            return histogram;
        }

        /** One thread: the seats s(first), s(first + stride) ... hang up in turn and each takes its next call. */
        private Histogram run(int first, int stride, int count) {
            Histogram histogram = new Histogram(3_600_000_000_000L, 3);
            Random random = new Random(first + 7);
            int seat = first;
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                JsonNode result = distributor.runUndelivered("main", "hangup", List.of(callOfSeat[seat]));
                histogram.recordValue(System.nanoTime() - start);
                JsonNode offer = result.path("offers").get(0);
                if (offer == null) {
                    throw new IllegalStateException("seat s" + seat + " found no waiting call: backlog ran dry");
                }
                callOfSeat[seat] = offer.path("call").asText();
                distributor.runUndelivered("main", "answered", List.of(callOfSeat[seat], "s" + seat));
                enqueue(random);
                seat += stride;
                if (seat >= seats) {
                    seat = first;
                }
            }
            return histogram;
        }

        private void enqueue(Random random) {
            String id;
            synchronized (this) {
                id = "b" + nextCall++;
            }
            String queue = QUEUES[random.nextInt(QUEUES.length)];
            String priority = CLASSES[random.nextInt(CLASSES.length)];
            long headStart = distributor.setup().priority(priority).headStart().toMillis();
            distributor.runUndelivered("main", "enqueue", List.of(id, queue, Long.toString(headStart), "live", "zh", "", priority));
        }

        long waitingNow() {
            return distributor.rawStats().get(0).path("queues").findValues("waiting").stream().mapToLong(JsonNode::asLong).sum();
        }
    }
}
