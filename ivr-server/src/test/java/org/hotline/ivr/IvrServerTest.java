package org.hotline.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.demo.DemoScripts;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole node on free ports, driven over real FastAGI and HTTP. */
class IvrServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private IvrConfig config() {
        // Tests run in ivr-server/; the shipped seats, queues, flows and order rules are one level up.
        IvrConfig defaults = new ConfigLoader(Map.of("IVR_HOME", "..")).load(null).withPorts(0, 0, 0);
        return defaults.withRedis(new IvrConfig.Redis("", data.resolve("redis"), Duration.ofMillis(500)));
    }

    private HttpResponse<String> get(IvrServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aThousandConcurrentSimulatedCallsAllCompleteAndAreJournaled() throws Exception {
        try (IvrServer server = IvrServer.start(config());
             SimClient sim = new SimClient("127.0.0.1", server.agiPort(), false)) {
            DemoScripts.register(server.scripts(), server.redis());
            List<CompletableFuture<CallRecord>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                calls.add(sim.call(CallScenario.of("load-" + i, "demo", "1380013" + (1000 + i)).press(String.valueOf(i % 10))));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            for (CompletableFuture<CallRecord> call : calls) {
                CallRecord record = call.join();
                assertThat(record.outcome()).isEqualTo("completed");
                String outcome = awaitOutcome(server, record.uniqueId());
                assertThat(outcome).as(record.uniqueId()).isEqualTo("completed");
            }
            assertThat(server.agiMetrics().activeCalls()).isZero();
            assertThat(get(server, "/metrics").body()).contains("ivr_agi_calls_total 1000.0");
        }
    }

    private static String awaitOutcome(IvrServer server, String callId) throws InterruptedException {
        // Journal writes are queued off the event loop; on a busy machine the last land a while after the call.
        for (int i = 0; i < 600; i++) {
            String outcome = server.redis().call("test", jedis -> jedis.hget("ivr:call:" + callId, "outcome"));
            if (outcome != null) {
                return outcome;
            }
            Thread.sleep(50);
        }
        return null;
    }

    @Test
    void healthIsReadyWithRedisAndTurnsRedWhenRedisGoesAway() throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(data.resolve("external"));
        IvrConfig config = config().withRedis(new IvrConfig.Redis(redis.url(), data, Duration.ofMillis(300)));
        try (IvrServer server = IvrServer.start(config)) {
            HttpResponse<String> ready = get(server, "/healthz");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.path("status").asText()).isEqualTo("ready");
            assertThat(body.path("checks").path("redis").path("up").asBoolean()).isTrue();
            assertThat(body.path("checks").path("ami").path("detail").asText()).startsWith("disabled");

            int port = redis.port();
            redis.stop();
            HttpResponse<String> down = awaitStatus(server, 503);
            assertThat(JSON.readTree(down.body()).path("checks").path("redis").path("up").asBoolean()).isFalse();

            redis = EmbeddedRedis.start(data.resolve("external"), port);
            assertThat(awaitStatus(server, 200).body()).contains("\"status\":\"ready\"");
        } finally {
            redis.stop();
        }
    }

    private HttpResponse<String> awaitStatus(IvrServer server, int status) throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 100; i++) {
            last = get(server, "/healthz");
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never became " + status + ": " + last.body());
    }

    @Test
    void aProductionNodeServesItsFlowsAndScriptsButNotTheDemoLineChecks() {
        try (IvrServer server = IvrServer.start(config())) {
            assertThat(server.scripts().names()).contains("12345", "survey", "queue-answered")
                    .doesNotContain("demo", "echo");
            assertThat(server.scripts().origin("survey")).hasValueSatisfying(
                    origin -> assertThat(origin).startsWith("flow ").endsWith("survey.yaml"));
        }
    }

    @Test
    void aFlowNamedLikeAScriptOfTheServerStopsTheStartNamingBothOrigins() throws Exception {
        Path flows = Files.createDirectories(data.resolve("flows"));
        try (var shipped = Files.walk(Path.of("..", "call-flows"))) {
            for (Path from : shipped.toList()) {
                Path to = flows.resolve(Path.of("..", "call-flows").relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Files.writeString(flows.resolve("queue-answered.yaml"), Files.readString(flows.resolve("survey.yaml"))
                .replace("flow: survey", "flow: queue-answered"));
        IvrConfig defaults = new ConfigLoader(Map.of("IVR_HOME", "..", "IVR_PATHS_FLOWS", flows.toString()))
                .load(null).withPorts(0, 0, 0);
        IvrConfig config = defaults.withRedis(new IvrConfig.Redis("", data.resolve("redis"), Duration.ofMillis(500)));

        assertThatThrownBy(() -> IvrServer.start(config).close())
                .hasMessageContaining("AGI script 'queue-answered' registered twice")
                .hasMessageContaining("queue-answered.yaml");
    }

    @Test
    void metricsArePrometheusTextAndUnknownPathsAre404() throws Exception {
        try (IvrServer server = IvrServer.start(config())) {
            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(metrics.body()).contains("# TYPE ivr_agi_calls_active gauge").contains("jvm_memory_used_bytes");
            assertThat(get(server, "/nope").statusCode()).isEqualTo(404);
        }
    }
}
