package org.hotline.ivr.seat.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.HttpServer;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.ops.PasswordHash;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.DraftOrderWriter;
import org.hotline.ivr.order.OrderRules;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.DistributorSettings;
import org.hotline.ivr.queue.PriorityClass;
import org.hotline.ivr.queue.QueueConfig;
import org.hotline.ivr.queue.QueueSetup;
import org.hotline.ivr.queue.QueueStatsPoller;
import org.hotline.ivr.queue.RoutingStrategy;
import org.hotline.ivr.queue.SeatConfig;
import org.hotline.ivr.queue.SeatOffer;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.hotline.ivr.seat.ConsoleTestAccess;
import org.hotline.ivr.seat.SeatConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on the real call distributor and order store: a drafted call queued by the distributor pops on
 * the chosen seat's screen with transcript and draft, another seat is refused it, the submitted order carries
 * the seat in its history, the pop stays through wrap-up, and the wallboard counts the submission.
 */
class LiveConsoleTest {

    @TempDir
    Path dir;
    EmbeddedRedis redisServer;
    RedisGateway redis;
    NettyTransport transport;
    HttpServer http;
    CallDistributor distributor;
    QueueStatsPoller stats;
    SeatConsole console;
    OrderStore orders;
    DraftOrderWriter writer;

    @BeforeEach
    void start() throws Exception {
        redisServer = EmbeddedRedis.start(dir.resolve("redis"));
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        List<SeatConfig> seats = List.of(seat("1001"), seat("1002"));
        QueueConfig general = new QueueConfig("general", "综合 General", "main", "general", 1, "zh",
                RoutingStrategy.LONGEST_IDLE, Duration.ofMinutes(5), Duration.ofSeconds(20), 0.8, Duration.ofSeconds(20),
                Duration.ofMinutes(10), QueueConfig.Overflow.NONE, "", Duration.ofSeconds(45), Duration.ofMinutes(2));
        QueueSetup setup = new QueueSetup(seats, List.of(general), Map.of("normal", new PriorityClass("normal", Duration.ZERO)));
        distributor = new CallDistributor(redis, setup, new DistributorSettings("test-node", Duration.ofMillis(500),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofMinutes(3)), Clock.systemUTC()).start();
        stats = new QueueStatsPoller(distributor, Clock.systemUTC());
        OrderRules rules = OrderRules.load(Path.of("..", "config"));
        OrderSettings settings = OrderSettings.defaults();
        orders = new OrderStore(redis, rules, settings, Clock.systemUTC());
        writer = new DraftOrderWriter(redis, rules, orders, settings);
        Path supervisors = dir.resolve("supervisors.yaml");
        Files.writeString(supervisors, "supervisors:\n  - id: \"9001\"\n    name: Zhao Lei\n    passwordHash: "
                + PasswordHash.create("demo9001".toCharArray(), 1000) + "\n");
        Router routes = new Router();
        console = LiveConsole.install(new IvrConfig.Console(false, Duration.ofHours(1), Duration.ofSeconds(30), List.of()),
                supervisors, routes, redis, distributor, stats::refresh, orders, rules, settings);
        transport = new NettyTransport(2);
        http = HttpServer.start(new IvrConfig.Http("127.0.0.1", 0), transport, routes);
    }

    private static SeatConfig seat(String id) {
        return new SeatConfig(id, "Seat " + id, "PJSIP/" + id, "main", Map.of("general", 5), List.of("zh"),
                PasswordHash.create(("demo" + id).toCharArray(), 1000));
    }

    @AfterEach
    void stop() {
        console.close();
        http.close();
        transport.close();
        stats.close();
        distributor.close();
        redis.close();
        redisServer.close();
    }

    @Test
    void distributedCallPopsOnItsSeatOnlyAndTheSubmittedOrderRecordsTheSeat() throws Exception {
        String base = "http://127.0.0.1:" + http.port();
        ConsoleTestAccess.Client seat = ConsoleTestAccess.seat(base, "1001");
        ConsoleTestAccess.Client other = ConsoleTestAccess.seat(base, "1002");
        other.send("POST", "/console/api/state", "{\"state\":\"paused\",\"reason\":\"break\"}");
        seat.send("POST", "/console/api/state", "{\"state\":\"ready\"}");
        ConsoleTestAccess.Feed feed = seat.feed();

        DraftOrder draft = writer.draft(new CallFacts("live-1", "13800138000", "zh", List.of("1 城市管理"),
                "我家楼下的垃圾站三天没人清运了，在朝阳区双井街道", "", Instant.now()));
        SeatOffer offer = distributor.enqueue(new WaitingCall("live-1", "general", "normal", "zh", "13800138000"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(offer.seatId()).isEqualTo("1001");
        JsonNode pop = feed.next("screen", m -> m.path("pop").path("callId").asText().equals("live-1")).path("pop");
        assertThat(pop.path("caller").asText()).isEqualTo("138****8000");
        assertThat(pop.path("transcript").asText()).contains("垃圾站三天没人清运");
        assertThat(pop.path("menuPath").toString()).contains("城市管理");
        assertThat(pop.path("order").path("id").asText()).isEqualTo(draft.orderId());
        distributor.answered(offer).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(other.send("GET", "/console/api/calls/live-1", null).status()).isEqualTo(403);
        String edit = "{\"category\":\"city-management/garbage\",\"location\":\"朝阳区 双井街道\",\"urgency\":\"high\","
                + "\"summary\":\"垃圾站三天未清运\"}";
        assertThat(other.send("POST", "/console/api/orders/" + draft.orderId() + "/submit", edit).status()).isEqualTo(403);
        assertThat(seat.send("POST", "/console/api/orders/" + draft.orderId() + "/submit",
                edit.replace("朝阳区 双井街道", "火星区")).status()).isEqualTo(400);
        assertThat(seat.send("POST", "/console/api/orders/" + draft.orderId() + "/submit", edit).status()).isEqualTo(200);
        DraftOrder stored = orders.get(draft.orderId()).orElseThrow();
        assertThat(stored.status().id()).isEqualTo("submitted");
        assertThat(stored.subCategory()).isEqualTo("garbage");
        assertThat(stored.street()).isEqualTo("双井街道");
        assertThat(stored.history()).isNotEmpty().allSatisfy(change -> assertThat(change.seat()).isEqualTo("1001"));

        distributor.hangupAfterCall(offer).toCompletableFuture().get(10, TimeUnit.SECONDS);
        JsonNode wrapUp = feed.next("screen", m -> m.path("status").path("state").asText().equals("wrap-up"));
        assertThat(wrapUp.path("pop").path("callId").asText()).isEqualTo("live-1");
        assertThat(wrapUp.path("pop").path("ended").asBoolean()).isTrue();

        ConsoleTestAccess.Client supervisor = ConsoleTestAccess.supervisor(base, "9001", "demo9001");
        JsonNode board = supervisor.send("GET", "/wallboard/api/stats", null).body();
        assertThat(board.path("ordersSubmitted").asInt()).isEqualTo(1);
        assertThat(board.path("ordersDrafted").asInt()).isEqualTo(1);
        assertThat(board.path("topCategories").get(0).path("code").asText()).isEqualTo("city-management");
        assertThat(board.path("seatsByState").path("wrap-up").asInt()).isEqualTo(1);
        feed.close();
    }
}
