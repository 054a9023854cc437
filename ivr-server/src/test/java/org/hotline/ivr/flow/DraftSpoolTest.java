package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.DraftOrderWriter;
import org.hotline.ivr.order.DraftSpool;
import org.hotline.ivr.order.OrderRules;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.redis.RedisProcess;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 12345 flow with the order part and the node's draft spool, on a real redis-server (its own process) that goes away:
 * killed (connections refused) or stopped with SIGSTOP (connections held, nothing answered). The caller
 * goes on within the draft timeout, the draft is on disk, and it becomes exactly one order once Redis is back.
 */
class DraftSpoolTest {

    private static final Duration DRAFT_TIMEOUT = Duration.ofMillis(800);
    private static OrderRules rules;

    @TempDir
    Path temp;

    @BeforeAll
    static void loadRules() {
        rules = OrderRules.load(Path.of("..", "config"));
    }

    @Test
    void aDraftWrittenWhileRedisRefusesConnectionsBecomesOneOrderOnceRedisIsBack() throws Exception {
        OrderSettings settings = OrderSettings.defaults();
        try (RedisProcess redisServer = redis(temp);
             Wiring wiring = new Wiring(url(redisServer), temp.resolve("spool"), settings);
             FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, url(redisServer), wiring::services)) {
            redisServer.kill();

            CallRecord record = bench.call(CallScenario.of("refused", "12345", "13800138031").press("1").press("1")
                    .press("2"));

            assertThat(wiring.spool.pending()).isPositive();
            assertThat(spooledCallIds(temp.resolve("spool"))).containsOnly(record.uniqueId());
            redisServer.restart();
            wiring.spool.replayEvery(Duration.ofMillis(200));
            Eventually.until("the spool replayed", Duration.ofSeconds(30), () -> wiring.spool.pending() == 0);

            String orderId = claim(bench.redis, settings, record.uniqueId());
            DraftOrder order = wiring.store.get(orderId).orElseThrow();
            assertThat(order.callerNumber()).isEqualTo("13800138031");
            assertThat(order.menuPath()).containsSubsequence("main-menu:1", "report-type:2", "describe-problem");
            assertThat(claims(bench.redis, settings)).hasSize(1);
        }
    }

    @Test
    void aStalledRedisHoldsTheCallerOnlyForTheDraftTimeout() throws Exception {
        OrderSettings settings = OrderSettings.defaults();
        try (RedisProcess redisServer = redis(temp);
             Wiring wiring = new Wiring(url(redisServer), temp.resolve("spool"), settings, Duration.ofSeconds(2),
                     RetryPolicy.DEFAULT);
             FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, url(redisServer), wiring::services)) {
            List<Instant> described = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Instant> dialled = new java.util.concurrent.CopyOnWriteArrayList<>();
            // Redis stops answering the moment the caller starts describing (connections stay open).
            var call = bench.sim.call(CallScenario.of("stalled", "12345", "13800138032").press("1").press("1")
                    .press("2"), event -> {
                        if (event.text().contains("AudioSocket") && described.isEmpty()) {
                            described.add(Instant.now());
                            pauseQuietly(redisServer);
                        } else if (event.text().contains("EXEC \"Dial\"") || event.text().contains("EXEC Dial")) {
                            dialled.add(Instant.now());
                        }
                    });
            CallRecord record = call.get(60, TimeUnit.SECONDS);

            assertThat(described).hasSize(1);
            assertThat(dialled).as("the caller reached the fallback Dial").isNotEmpty();
            // Two drafts (description's end, enqueue) of DRAFT_TIMEOUT each; Redis's own timeout and retries
            // (2 s, 6 retries: about 19 s a draft) are not waited for.
            assertThat(Duration.between(described.get(0), dialled.get(0))).isLessThan(Duration.ofSeconds(10));
            assertThat(spooledCallIds(temp.resolve("spool"))).contains(record.uniqueId());
            redisServer.resume();
            wiring.spool.replayEvery(Duration.ofMillis(200));
            Eventually.until("the spool replayed", Duration.ofSeconds(30), () -> wiring.spool.pending() == 0);
            assertThat(claim(bench.redis, settings, record.uniqueId())).isNotNull();
        }
    }

    @Test
    void aSpoolLeftByACrashIsReplayedAtStartUpAndATornLineIsSetAsideNotLost() throws Exception {
        OrderSettings settings = OrderSettings.defaults();
        Path spoolDir = temp.resolve("spool");
        try (RedisProcess redisServer = redis(temp)) {
            try (Wiring crashed = new Wiring(url(redisServer), spoolDir, settings)) {
                crashed.spool.keep(new CallFacts("call-a", "13800138033", "zh", List.of("main-menu:1", "describe-problem"),
                        "", "/recordings/call-a.wav", Instant.parse("2026-01-05T02:00:00Z")));
                crashed.spool.keep(new CallFacts("call-b", "13800138034", "en", List.of("describe-problem"), "", "",
                        Instant.parse("2026-01-05T02:01:00Z")));
            }
            Path file = spoolDir.resolve("node-a.drafts.jsonl");
            Files.writeString(file, "{\"callId\":\"call-c\",\"cal", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            try (Wiring restarted = new Wiring(url(redisServer), spoolDir, settings)) {
                assertThat(restarted.spool.pending()).isEqualTo(3);
                DraftSpool.Replay replay = restarted.spool.replay();

                assertThat(replay).isEqualTo(new DraftSpool.Replay(2, 1, 0));
                DraftOrder a = restarted.store.get(claim(restarted.redis, settings, "call-a")).orElseThrow();
                assertThat(a.recordingPath()).isEqualTo("/recordings/call-a.wav");
                assertThat(a.createdAt()).isEqualTo("2026-01-05T02:00:00Z");
                assertThat(Files.readString(spoolDir.resolve("node-a.drafts.rejected"))).contains("call-c");
                restarted.spool.keep(new CallFacts("call-a", "13800138033", "zh", List.of(), "", "", Instant.now()));
                assertThat(restarted.spool.replay()).isEqualTo(new DraftSpool.Replay(1, 0, 0));
                assertThat(claims(restarted.redis, settings)).hasSize(2);
            }
        }
    }

    /** Debian's redis-server with its append-only file, as its own process (skipped, saying so, without it). */
    private static RedisProcess redis(Path temp) throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(RedisProcess.SERVER),
                "no " + RedisProcess.SERVER + " (Debian package redis-server): Redis outage tests skipped");
        return RedisProcess.server(temp.resolve("redis"), "--appendonly", "yes");
    }

    private static String url(RedisProcess redis) {
        return "redis://" + redis.address();
    }

    private static java.util.Set<String> claims(RedisGateway redis, OrderSettings settings) {
        return redis.call("order claims", jedis -> jedis.keys(settings.keys().byCall("*")));
    }

    private static String claim(RedisGateway redis, OrderSettings settings, String callId) {
        return redis.call("order of call", jedis -> jedis.get(settings.keys().byCall(callId)));
    }

    private static List<String> spooledCallIds(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.flatMap(file -> {
                try {
                    return Files.readAllLines(file).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(line -> org.hotline.ivr.order.SpooledDraft.fromJson(line).callId()).distinct().toList();
        }
    }

    private static void pauseQuietly(RedisProcess redis) {
        try {
            redis.pause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order part and the spool of node "node-a" as IvrServer wires them, on their own Redis connection. */
    private static final class Wiring implements AutoCloseable {
        final RedisGateway redis;
        final OrderStore store;
        final DraftOrderWriter writer;
        final DraftSpool spool;

        Wiring(String url, Path spoolDir, OrderSettings settings) {
            this(url, spoolDir, settings, Duration.ofMillis(500), new RetryPolicy(2, Duration.ofMillis(100),
                    Duration.ofMillis(200)));
        }

        Wiring(String url, Path spoolDir, OrderSettings settings, Duration timeout, RetryPolicy retry) {
            redis = new RedisGateway(url, timeout, retry);
            store = new OrderStore(redis, rules, settings, Clock.systemUTC());
            writer = new DraftOrderWriter(redis, rules, store, settings);
            spool = DraftSpool.open(spoolDir, "node-a", writer);
        }

        FlowServices services(RedisGateway flowRedis) {
            return StandInServices.of(flowRedis, "127.0.0.1", 1)
                    .withOrders(new OrderPartDrafts(writer, spool, null, DRAFT_TIMEOUT));
        }

        @Override
        public void close() {
            spool.close();
            redis.close();
        }
    }
}
