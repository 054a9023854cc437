package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.hotline.ivr.http.ApiTokens;
import org.hotline.ivr.http.HttpServer;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hotline.ivr.redis.RedisUnderTest;

class OrderHttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();
    private static RedisOrders orders;
    private static NettyTransport transport;
    private static HttpServer server;
    /** Seats as machine clients with the seat role: the front door proves them as it would a console session. */
    private static final java.util.Map<String, ApiTokens.Issued> SEATS = new java.util.HashMap<>();
    /** The threads the access checks ran on: they read Redis behind the console, so never an event loop. */
    private static final java.util.Queue<String> accessThreads = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private DraftOrder draft;

    @BeforeAll
    static void start() throws InterruptedException {
        orders = new RedisOrders(redis.gateway());
        transport = new NettyTransport(2);
        for (String seat : List.of("seat-3", "seat-12", "s1")) {
            SEATS.put(seat, ApiTokens.issue(seat, java.util.Set.of(Role.SEAT)));
        }
        SEATS.put("supervisor-1", ApiTokens.issue("supervisor-1", java.util.Set.of(Role.SUPERVISOR)));
        Router routes = new Router().authenticateWith(ApiTokens.of(SEATS.values().stream().map(ApiTokens.Issued::entry).toList()));
        OrderAccess recorded = new OrderAccess() {
            @Override
            public boolean mayUse(String seatId, DraftOrder order) {
                accessThreads.add(Thread.currentThread().getName());
                return true;
            }

            @Override
            public boolean mayList(String seatId, String callerNumber) {
                return true;
            }
        };
        new OrderHttpApi(orders.store, recorded).register(routes);
        server = HttpServer.start(new IvrConfig.Http("127.0.0.1", 0), transport, routes);
    }

    @AfterAll
    static void stop() {
        server.close();
        transport.close();
    }

    @BeforeEach
    void drafted() {
        draft = orders.writer.draft(new CallFacts("h1", "13800138000", "en", List.of("describe"),
                "The elevator in building seven of Shuangjing, Chaoyang has been out of service for a week", "",
                Instant.parse("2026-11-25T02:00:00Z")));
    }

    @Test
    void anOrderIsReadableById() throws Exception {
        HttpResponse<String> response = send("GET", "/api/orders/" + draft.orderId(), null, "s1");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode order = JSON.readTree(response.body());
        assertThat(order.get("category").asText()).isEqualTo("housing-property");
        assertThat(order.get("subCategory").asText()).isEqualTo("elevator");
        assertThat(order.get("district").asText()).isEqualTo("朝阳区");
        assertThat(order.get("status").asText()).isEqualTo("draft");
    }

    @Test
    void aCallersOrdersAreListedNewestFirst() throws Exception {
        DraftOrder second = orders.writer.draft(new CallFacts("h2", "13800138000", "zh", List.of(), "暖气不热", "",
                Instant.parse("2026-11-26T02:00:00Z")));
        JsonNode list = JSON.readTree(send("GET", "/api/orders?caller=13800138000", null, "s1").body());
        assertThat(list.get("orders")).extracting(o -> o.get("orderId").asText())
                .containsExactly(second.orderId(), draft.orderId());
    }

    @Test
    void requestsAreAnsweredOnTheRoutePoolNeverOnTheEventLoop() throws Exception {
        accessThreads.clear();
        assertThat(send("GET", "/api/orders/" + draft.orderId(), null, "seat-3").statusCode()).isEqualTo(200);
        assertThat(send("PATCH", "/api/orders/" + draft.orderId(), "{\"urgency\":\"high\"}", "seat-3").statusCode())
                .isEqualTo(200);
        assertThat(accessThreads).hasSize(2).allMatch(name -> name.startsWith("http-route"));
    }

    @Test
    void aSeatEditsAndSubmits() throws Exception {
        HttpResponse<String> patched = send("PATCH", "/api/orders/" + draft.orderId(),
                "{\"summary\":\"7号楼电梯停运一周\",\"urgency\":\"high\"}", "seat-12");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(patched.body()).get("history").get(0).get("seat").asText()).isEqualTo("seat-12");

        HttpResponse<String> submitted = send("POST", "/api/orders/" + draft.orderId() + "/submit", "", "seat-12");
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(submitted.body()).get("status").asText()).isEqualTo("submitted");

        HttpResponse<String> again = send("POST", "/api/orders/" + draft.orderId() + "/submit", "", "seat-12");
        assertThat(again.statusCode()).isEqualTo(409);
    }

    /** Issue 21, defect 6: a seat closing its own order right after submitting would skip the unit and the survey. */
    @Test
    void aSeatCannotCloseAnOrderASupervisorCan() throws Exception {
        assertThat(send("POST", "/api/orders/" + draft.orderId() + "/submit", "", "seat-12").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/orders/" + draft.orderId() + "/close", "", "seat-12").statusCode()).isEqualTo(403);
        assertThat(orders.store.get(draft.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.SUBMITTED);
        HttpResponse<String> closed = send("POST", "/api/orders/" + draft.orderId() + "/close", "", "supervisor-1");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(closed.body()).get("status").asText()).isEqualTo("closed");
        assertThat(orders.store.get(draft.orderId()).orElseThrow().history())
                .anySatisfy(edit -> assertThat(edit.seat()).isEqualTo("supervisor-1"));
    }

    @Test
    void badInputGets4xxNamingTheField() throws Exception {
        assertProblem(send("PATCH", "/api/orders/" + draft.orderId(), "{\"urgency\":\"whenever\"}", "s1"), 400, "urgency");
        assertProblem(send("PATCH", "/api/orders/" + draft.orderId(), "{\"colour\":\"red\"}", "s1"), 400, "colour");
        assertProblem(send("PATCH", "/api/orders/" + draft.orderId(), "{\"district\":42}", "s1"), 400, "district");
        assertProblem(send("PATCH", "/api/orders/" + draft.orderId(), "not json", "s1"), 400, "body");
        assertThat(send("PATCH", "/api/orders/" + draft.orderId(), "{\"summary\":\"x\"}", null).statusCode()).isEqualTo(401);
        assertProblem(send("GET", "/api/orders?caller=abc", null, "s1"), 400, "caller");
        assertProblem(send("GET", "/api/orders?caller=138&limit=0", null, "s1"), 400, "limit");
        assertProblem(send("GET", "/api/orders/12345-19990101-000001", null, "s1"), 404, "orderId");
        HttpResponse<String> delete = send("DELETE", "/api/orders/" + draft.orderId(), null, "s1");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow").orElse("")).contains("GET").contains("PATCH");
        assertThat(orders.store.get(draft.orderId())).contains(draft);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("field").asText()).isEqualTo(field);
        assertThat(body.get("error").asText()).startsWith(field);
    }

    private HttpResponse<String> send(String method, String path, String body, String seat) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (seat != null) {
            request.header("Authorization", "Bearer " + SEATS.get(seat).token());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
