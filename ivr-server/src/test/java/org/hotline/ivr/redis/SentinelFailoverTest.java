package org.hotline.ivr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.Json;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.DraftSpool;
import org.hotline.ivr.order.OrderEventFeed;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.seat.SeatEvents;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis Sentinel for real (Debian redis-server master + replica, three redis-sentinel): the master is killed
 * with SIGKILL while the server works, the sentinels promote the replica, and the server follows by itself:
 * operations ride through on retries, the console's subscription and the order-event consumer attach to the new
 * master, {@code /healthz} names it, and every draft order written before, during and after is on it.
 */
class SentinelFailoverTest {

    private static final Path CONFIG = Path.of("..", "config");
    private static final OrderSettings SETTINGS = OrderSettings.defaults();

    @TempDir
    static Path dir;
    private static SentinelRig rig;

    @BeforeAll
    static void sentinels() throws Exception {
        assumeTrue(RedisProcess.installed(), "Debian redis-server/redis-sentinel not installed (.ci/run installs them)");
        rig = SentinelRig.start(dir);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @AfterEach
    void bringTheOldMasterBack() throws Exception {
        rig.reviveAll();
    }

    private static RedisGateway gateway() {
        RedisTopology topology = new RedisTopology.Sentinel(SentinelRig.MASTER_NAME,
                rig.sentinelAddresses().stream().map(RedisTopology::hostAndPort).toList(), "", "",
                new RedisTopology.ReplicaAcks(1, Duration.ofMillis(500)));
        return new RedisGateway(topology, Duration.ofSeconds(1), RetryPolicy.covering(Duration.ofSeconds(20)));
    }

    /**
     * One failover for everything that must follow it (each one costs seconds): the calls, the gateway's writes
     * right after the kill, a subscriber (seat events) and a stream consumer (closed orders) on the server's
     * gateway, which must re-attach to the promoted replica, and /healthz.
     */
    @Test
    void callsBeforeDuringAndAfterAKilledMasterAllReachTheQueueAndEveryDraftIsOnTheNewMaster() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("IVR_HOME", "..",
                "IVR_AGI_PORT", "0", "IVR_AUDIO_PORT", "0", "IVR_HTTP_PORT", "0", "IVR_HTTP_BIND", "127.0.0.1",
                "IVR_AUDIO_RECORDINGS", dir.resolve("recordings").toString(),
                "IVR_SPEECH_MODELS", Files.createDirectories(dir.resolve("no-models")).toString(),
                "IVR_REDIS_SENTINELS", String.join(",", rig.sentinelAddresses()),
                "IVR_REDIS_MASTERNAME", SentinelRig.MASTER_NAME));
        env.putAll(Map.of("IVR_REDIS_RETRY_FOR", "20s", "IVR_REDIS_WAIT_TIMEOUT", "1s",
                "IVR_CALLS_SPOOL", dir.resolve("spool").toString(), "IVR_CALLS_SPOOL_REPLAY_EVERY", "500ms"));
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> handed = new CopyOnWriteArrayList<>();
        try (IvrServer server = IvrServer.start(new ConfigLoader(env).load(null));
             SimClient phone = new SimClient("127.0.0.1", server.agiPort(), true);
             SeatEvents events = new SeatEvents(server.redis())) {
            assertThat(redisHealth(server).path("detail").path("address").asText()).isEqualTo(rig.master().toString());
            assertThat(redisHealth(server).path("detail").path("topology").asText()).isEqualTo("sentinel");
            Orders orders = Orders.create(server.redis(), CONFIG, SETTINGS, Clock.systemUTC());
            // A consumer group of the test's own: the server's survey feed reads the same stream in its group.
            OrderEventFeed feed = new OrderEventFeed(server.redis(), SETTINGS.keys(), orders.store(), "failover-test",
                    Set.of("closed"), "node-a", order -> handed.add(order.orderId()));
            events.start(new SeatEvents.Listener() {
                @Override
                public void seatChanged(String seatId, String what) {
                    heard.add(seatId + ":" + what);
                }

                @Override
                public void transcript(String callId, String json) {
                }
            });
            String oldMaster = rig.master().toString();
            Eventually.until("seat events heard", () -> publishAndHear(events, heard, "before"));
            String closedBefore = closedOrder(orders, "before");
            Eventually.until("the closed order handed on", () -> feed.poll() >= 0 && handed.contains(closedBefore));

            // A call while no replica acknowledges: it goes on, its draft is on the master and in the node's spool,
            // and leaves the spool once a replay is confirmed; the master dies only after that.
            List<CompletableFuture<CallRecord>> calls = new ArrayList<>();
            List<RedisProcess> replicas = rig.replicas();
            pause(replicas);
            try {
                calls.add(phone.call(queued("unreplicated", 99)));
                calls.get(0).get(60, TimeUnit.SECONDS);
                assertThat(server.drafts().pending()).as("drafts kept until a replica confirms them").isEqualTo(1);
            } finally {
                resume(replicas);
            }
            Eventually.until("the spooled draft confirmed by the resumed replica", Duration.ofSeconds(20),
                    () -> server.drafts().pending() == 0);
            for (int i = 0; i < 4; i++) {
                calls.add(phone.call(queued("before-" + i, i)));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            // Calls in the IVR while the master dies, and calls arriving while the sentinels elect its successor.
            List<CompletableFuture<CallRecord>> during = new ArrayList<>();
            for (int i = 4; i < 8; i++) {
                during.add(phone.call(queued("during-" + i, i)));
            }
            RedisProcess promoted = rig.killMasterAndAwaitPromotion();
            // Right away, before the gateway has heard of the switch: the write retries until it lands.
            String closedAfter = closedOrder(orders, "after");
            for (int i = 8; i < 12; i++) {
                during.add(phone.call(queued("after-" + i, i)));
            }
            CompletableFuture.allOf(during.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
            calls.addAll(during);
            assertThat(server.redis().address()).isEqualTo(promoted.address().toString()).isNotEqualTo(oldMaster);
            Eventually.until("seat events heard from the new master", Duration.ofSeconds(30),
                    () -> publishAndHear(events, heard, "after"));
            Eventually.until("the closed order on the new master handed on", Duration.ofSeconds(30),
                    () -> poll(feed) && handed.contains(closedAfter));

            List<String> failed = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            try (RedisGateway direct = new RedisGateway("redis://" + promoted.address(), Duration.ofSeconds(1),
                    RetryPolicy.DEFAULT)) {
                OrderStore store = new OrderStore(direct, server.orders().rules(), SETTINGS, Clock.systemUTC());
                assertThat(store.get(closedBefore)).isPresent();
                assertThat(store.get(closedAfter)).isPresent();
                for (CompletableFuture<CallRecord> call : calls) {
                    CallRecord record = call.join();
                    if (record.commands().stream().noneMatch(c -> c.contains("StartMusicOnHold"))) {
                        failed.add(record.name() + " " + record.outcome() + " " + record.prompts());
                    }
                    String orderId = direct.call("order of call", j -> j.get(SETTINGS.keys().byCall(record.uniqueId())));
                    if (orderId == null || store.get(orderId).isEmpty()) {
                        lost.add(record.name());
                    }
                }
            }
            assertThat(failed).as("calls that never reached the queue").isEmpty();
            assertThat(lost).as("drafts missing on the new master").isEmpty();
            Eventually.until("/healthz names the new master", Duration.ofSeconds(10), () ->
                    redisHealth(server).path("detail").path("address").asText().equals(promoted.address().toString()));
        }
    }

    @Test
    void aDraftNoReplicaConfirmsInTimeIsWrittenAndStaysInTheSpoolUntilAReplicaHasIt() throws Exception {
        Path spoolDir = dir.resolve("spool-unit");
        CallFacts facts = new CallFacts("sentinel-unreplicated-" + System.nanoTime(), "13800138000", "zh",
                List.of("1"), "路灯坏了", "", null);
        List<RedisProcess> replicas = rig.replicas();
        String orderId;
        try (RedisGateway redis = gateway()) {
            Orders orders = Orders.create(redis, CONFIG, SETTINGS, Clock.systemUTC());
            closedOrder(orders, "replicated");
            assertThat(redis.unconfirmedWrites()).isZero();
            pause(replicas);
            try (DraftSpool spool = DraftSpool.open(spoolDir, "node-a", orders.writer())) {
                spool.writeOrKeep(facts);
                assertThat(redis.unconfirmedWrites()).isEqualTo(1);
                orderId = redis.call("order of call", j -> j.get(SETTINGS.keys().byCall(facts.callId())));
                assertThat(orders.store().get(orderId)).isPresent();
                assertThat(spool.pending()).as("on the master, not yet on a replica").isEqualTo(1);
            } catch (RuntimeException | Error e) {
                resume(replicas);
                throw e;
            }
        }
        // The node restarts while the replica is still away: its replay, on fresh connections that wrote nothing
        // yet, finds the order written, and its WAIT must still wait for this order, not return for nothing.
        try (RedisGateway redis = gateway();
             DraftSpool spool = DraftSpool.open(spoolDir, "node-a",
                     Orders.create(redis, CONFIG, SETTINGS, Clock.systemUTC()).writer())) {
            try {
                assertThat(spool.pending()).isEqualTo(1);
                assertThat(spool.replay().pending()).as("replayed while no replica answers").isEqualTo(1);
            } finally {
                resume(replicas);
            }
            Eventually.until("the replay confirmed by the resumed replica", Duration.ofSeconds(20),
                    () -> spool.replay().pending() == 0);
        }
        // Confirmed means on the replica a failover would promote (that a failover then keeps it: the calls test).
        for (RedisProcess replica : replicas) {
            try (var onReplica = replica.connect()) {
                assertThat(onReplica.get(SETTINGS.keys().byCall(facts.callId())))
                        .as("the draft of the call on replica " + replica.address()).isEqualTo(orderId);
            }
        }
    }


    /** Mandarin, report a problem, asking for help, no words (no model here), queued: hangs up on the hold music. */
    private static CallScenario queued(String name, int n) {
        return CallScenario.of(name, "12345", "1390013" + (8000 + n)).promptDuration(Duration.ofMillis(50))
                .press("1").press("1").press("2").hangUpDuring("StartMusicOnHold");
    }

    private static JsonNode redisHealth(IvrServer server) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body()).path("checks").path("redis");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean publishAndHear(SeatEvents events, List<String> heard, String what) {
        try {
            events.publish("1001", what);
        } catch (RuntimeException e) {
            return false;
        }
        return heard.contains("1001:" + what) || sleep();
    }

    private static boolean poll(OrderEventFeed feed) {
        try {
            feed.poll();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void pause(List<RedisProcess> replicas) throws Exception {
        for (RedisProcess replica : replicas) {
            replica.pause();
        }
    }

    private static void resume(List<RedisProcess> replicas) throws Exception {
        for (RedisProcess replica : replicas) {
            replica.resume();
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static String closedOrder(Orders orders, String name) {
        DraftOrder order = orders.writer().draft(new CallFacts("sentinel-" + name + "-" + System.nanoTime(),
                "13800138000", "zh", List.of("1"), "路灯坏了", "", null));
        orders.store().submit(order.orderId(), "1001");
        orders.store().close(order.orderId(), "1001");
        return order.orderId();
    }
}
