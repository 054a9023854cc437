package org.hotline.ivr.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.queue.QueueFixture.await;
import static org.hotline.ivr.queue.QueueFixture.enqueued;
import static org.hotline.ivr.queue.QueueFixture.call;
import static org.hotline.ivr.queue.QueueFixture.seat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.http.ApiTokens;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.http.HttpServer;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.junit.jupiter.api.Test;

class QueueStatsEndpointTest {

    @Test
    void queueAndSeatFiguresReachTheHttpApiAndTheGaugesWithoutPasswordHashes() throws Exception {
        List<SeatConfig> seats = List.of(
                new SeatConfig("1", "Wang Fang", "PJSIP/1", "main", Map.of("general", 5), List.of("zh"), "pbkdf2-sha256$1$c2FsdA==$aGFzaA=="),
                seat("2", Map.of("general", 5), "zh"), seat("never", Map.of("general", 5), "zh"));
        QueueSetup setup = QueueFixture.setup(seats);
        try (QueueFixture fixture = new QueueFixture();
             NettyTransport transport = new NettyTransport(1)) {
            CallDistributor d = fixture.node("node-a", setup, offer -> { });
            await(d.login("1"));
            SeatOffer quick = await(d.enqueue(call("quick", "general", "normal")));
            await(d.answered(quick));
            fixture.clock.advance(Duration.ofSeconds(90));
            await(d.hangupAfterCall(quick));
            WaitingCall gone = call("gone", "general", "normal");
            enqueued(d, gone);
            await(d.abandon(gone));
            enqueued(d, call("waiting", "general", "normal"));
            fixture.clock.advance(Duration.ofSeconds(30));

            QueueStatsPoller poller = new QueueStatsPoller(d, fixture.clock);
            poller.refresh();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            QueueMetrics.bind(registry, poller, setup);
            Router routes = new Router().authenticateWith(ApiTokens.of(List.of(SUPERVISOR.entry())));
            QueueHttpApi.register(routes, poller);
            try (HttpServer http = HttpServer.start(new IvrConfig.Http("127.0.0.1", 0), transport, routes)) {
                JsonNode queues = get(http, "/api/queues").path("queues");
                String seatsBody = getText(http, "/api/seats");
                JsonNode seatsJson = new ObjectMapper().readTree(seatsBody).path("seats");

                JsonNode general = find(queues, "general");
                assertThat(general.path("waiting").asInt()).isEqualTo(1);
                assertThat(general.path("longestWaitSeconds").asDouble()).isEqualTo(30.0);
                assertThat(general.path("serviceLevel").asDouble()).as("1 of 2 finished answered in time").isEqualTo(0.5);
                assertThat(general.path("abandonRate").asDouble()).isEqualTo(0.5);
                assertThat(general.path("averageHandleSeconds").asDouble()).isEqualTo(90.0);
                assertThat(find(seatsJson, "1").path("state").asText()).isEqualTo("wrapup");
                assertThat(find(seatsJson, "1").path("callsHandled").asInt()).isEqualTo(1);
                assertThat(find(seatsJson, "1").path("secondsInState").asDouble()).isEqualTo(30.0);
                assertThat(find(seatsJson, "never").path("state").asText()).isEqualTo("out");
                assertThat(seatsBody).doesNotContain("pbkdf2").doesNotContain("password");
            }
            assertThat(registry.get("ivr.queue.waiting").tag("queue", "general").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("ivr.queue.abandon.rate").tag("queue", "general").gauge().value()).isEqualTo(0.5);
            assertThat(registry.get("ivr.seat.state").tag("seat", "1").tag("state", "wrapup").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("ivr.seat.calls.handled").tag("seat", "1").gauge().value()).isEqualTo(1.0);
        }
    }

    /** Queue and seat views are for supervisors: a machine client with that role reads them here. */
    private static final ApiTokens.Issued SUPERVISOR = ApiTokens.issue("wallboard-feed", java.util.Set.of(Role.SUPERVISOR));

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode item : list) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }

    private static JsonNode get(HttpServer http, String path) throws Exception {
        return new ObjectMapper().readTree(getText(http, path));
    }

    private static String getText(HttpServer http, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                        .header("Authorization", "Bearer " + SUPERVISOR.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
