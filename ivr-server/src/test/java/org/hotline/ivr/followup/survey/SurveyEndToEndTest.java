package org.hotline.ivr.followup.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.ami.AmiEndpoint;
import org.hotline.ivr.ami.AmiLinkPolicy;
import org.hotline.ivr.ami.AmiLinks;
import org.hotline.ivr.ami.FakeAmiPeer;
import org.hotline.ivr.ami.OriginateResult;
import org.hotline.ivr.ami.Originator;
import org.hotline.ivr.flow.FlowModule;
import org.hotline.ivr.flow.FlowServices;
import org.hotline.ivr.flow.StandInServices;
import org.hotline.ivr.http.ApiTokens;
import org.hotline.ivr.http.HttpServer;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order closed -> survey call originated over AMI -> the survey flow over FastAGI -> Redis -> rates over HTTP. */
class SurveyEndToEndTest {

    /** The shipped flows, as ./ivr runs them from the repository root. */
    static final Path FLOWS = Path.of("..", "call-flows");
    static final Clock NOV_25 = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneId.of("UTC"));
    static final SurveyPolicy POLICY = new SurveyPolicy("ivr-survey", "PJSIP/{number}@trunk", "12345",
            Duration.ofSeconds(40), 2, Duration.ofMillis(50), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path data;
    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private FakeAmiPeer peer;
    private AmiLinks links;
    private ScheduledExecutorService timers;
    private NettyTransport transport;
    private FastAgiServer agi;
    private HttpServer http;
    private SimClient sim;
    private SurveyDialer dialer;
    private SurveyStore store;

    @BeforeEach
    void start() throws Exception {
        redisServer = EmbeddedRedis.start(data);
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        store = new SurveyStore(redis, POLICY.zone(), NOV_25);
        peer = new FakeAmiPeer("ivr", "pw");
        timers = Executors.newSingleThreadScheduledExecutor();
        links = new AmiLinks(List.of(new AmiEndpoint("pbx1", "127.0.0.1", peer.port(), "ivr", "pw")), AmiLinkPolicy.defaults());
        Originator originator = new Originator(links, timers);
        links.start(List.of(originator));
        dialer = new SurveyDialer(originator, store, POLICY, timers);
        transport = new NettyTransport(2);
        AgiScripts scripts = new AgiScripts();
        // The survey as production runs it: call-flows/survey.yaml, its end recorded by SurveyFlowAnswers.
        FlowModule.start(FLOWS, redis, scripts, StandInServices.of(redis, "127.0.0.1", 1), Duration.ofHours(1))
                .runner().onEnd(SurveyFlowAnswers.FLOW, new SurveyFlowAnswers(store, NOV_25));
        agi = FastAgiServer.start(new IvrConfig.Agi("127.0.0.1", 0, List.of("127.0.0.1/32"), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 8192, 256, Duration.ofSeconds(1)), transport, scripts, new AgiMetrics(new SimpleMeterRegistry()));
        Router router = new Router().authenticateWith(ApiTokens.of(List.of(SUPERVISOR.entry())));
        new RatesRoute(store).register(router);
        http = HttpServer.start(new IvrConfig.Http("127.0.0.1", 0), transport, router);
        sim = new SimClient("127.0.0.1", agi.port(), true);
        awaitLinkUp();
    }

    /** Up means logged in and the version read: only then is an Originate sent rather than reported LINK_LOST. */
    private void awaitLinkUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (links.anyUp().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("AMI link not up: " + links.all().get(0).status());
            }
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stop() throws Exception {
        sim.close();
        http.close();
        agi.close();
        transport.close();
        links.close();
        peer.close();
        timers.shutdownNow();
        redis.close();
        redisServer.close();
    }

    /** The PBX side of one survey: Originate arrives, the citizen answers, the survey context runs our script. */
    private CallRecord surveyAnsweredWith(SurveyRequest request, CallScenario citizen) throws Exception {
        int earlier = peer.originatesFor(request.orderId()).size();
        var placed = dialer.survey(request).toCompletableFuture();
        Map<String, String> originate = peer.awaitOriginate(request.orderId(), earlier + 1);
        assertThat(originate).containsEntry("Channel", "PJSIP/" + request.citizenNumber() + "@trunk")
                .containsEntry("Context", "ivr-survey").containsEntry("Exten", "s").containsEntry("Timeout", "40000");
        peer.originateResponse(originate, true);
        assertThat(placed.get(10, TimeUnit.SECONDS).answered()).isTrue();
        // The ivr-survey context passes the order as the script's argument: AGI(agi://ivr-host/survey,${SURVEY_ORDER}).
        return sim.call(citizen.arguments(List.of(request.orderId()))).get(10, TimeUnit.SECONDS);
    }

    private static CallScenario citizen(String... keys) {
        CallScenario scenario = CallScenario.of("survey", SurveyFlowAnswers.FLOW, "12345");
        for (String key : keys) {
            scenario = scenario.press(key);
        }
        return scenario;
    }

    /** Rates are for supervisors: the test reads them as a machine client with that role. */
    private static final ApiTokens.Issued SUPERVISOR = ApiTokens.issue("report-reader", java.util.Set.of(Role.SUPERVISOR));

    private JsonNode rates(String query) throws Exception {
        HttpResponse<String> response = get(query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private HttpResponse<String> get(String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + RatesRoute.PATH + query))
                        .header("Authorization", "Bearer " + SUPERVISOR.token()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void surveyAnswersBecomeResolutionAndSatisfactionRatesPerCategoryAndUnit() throws Exception {
        CallRecord first = surveyAnsweredWith(new SurveyRequest("WO-1", "13800138001", "环境保护", "东城街道"), citizen("1", "1"));
        assertThat(first.prompts()).containsSubsequence("survey-resolved", "survey-satisfied", "survey-thanks");
        surveyAnsweredWith(new SurveyRequest("WO-2", "13800138002", "环境保护", "西城街道"), citizen("2", "3"));
        CallRecord third = surveyAnsweredWith(new SurveyRequest("WO-3", "13800138003", "城市管理", "东城街道"),
                citizen("9", "1", "2"));
        assertThat(third.prompts()).contains("invalid-choice");
        surveyAnsweredWith(new SurveyRequest("WO-4", "13800138004", "城市管理", "东城街道"),
                citizen("1").hangUp());

        JsonNode report = rates("?from=2026-11-01&to=2026-11-30");

        JsonNode total = report.get("total");
        assertThat(total.at("/counts/surveyed").asLong()).isEqualTo(4);
        assertThat(total.get("resolutionRate").asDouble()).isEqualTo(0.75);
        assertThat(total.get("satisfactionRate").asDouble()).isEqualTo(0.6667);
        JsonNode environment = find(report.get("byCategory"), "category", "环境保护");
        assertThat(environment.get("resolutionRate").asDouble()).isEqualTo(0.5);
        assertThat(environment.get("satisfactionRate").asDouble()).isEqualTo(0.5);
        JsonNode dongcheng = find(report.get("byUnit"), "unit", "东城街道");
        assertThat(dongcheng.at("/counts/surveyed").asLong()).isEqualTo(3);
        assertThat(dongcheng.get("resolutionRate").asDouble()).isEqualTo(1.0);
        assertThat(dongcheng.at("/counts/basicallySatisfied").asLong()).isEqualTo(1);
        assertThat(report.get("byCategoryAndUnit")).hasSize(3);
        assertThat(report.get("zone").asText()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void aCitizenNeverReachedIsRetriedThenCountedAsNotReached() throws Exception {
        var placed = dialer.survey(new SurveyRequest("WO-5", "13800138005", "文化旅游", "南城街道")).toCompletableFuture();
        peer.originateResponse(peer.awaitOriginate("WO-5"), false);
        peer.originateResponse(peer.awaitOriginate("WO-5", 2), false);

        OriginateResult result = placed.get(10, TimeUnit.SECONDS);
        assertThat(result.kind()).isEqualTo(OriginateResult.Kind.NOT_ANSWERED);
        JsonNode total = rates("?from=2026-11-25&to=2026-11-25").get("total");
        assertThat(total.at("/counts/notReached").asLong()).isEqualTo(1);
        assertThat(total.at("/counts/surveyed").asLong()).isZero();
        assertThat(total.get("resolutionRate").isNull()).isTrue();
    }

    @Test
    void aSecondSurveyOfTheSameOrderIsNotCountedTwice() throws Exception {
        SurveyRequest request = new SurveyRequest("WO-6", "13800138006", "环境保护", "东城街道");
        surveyAnsweredWith(request, citizen("1", "1"));
        surveyAnsweredWith(request, citizen("2", "3"));

        JsonNode total = rates("?from=2026-11-25&to=2026-11-25").get("total");
        assertThat(total.at("/counts/surveyed").asLong()).isEqualTo(1);
        assertThat(store.order("WO-6")).containsEntry("resolved", "1").containsEntry("satisfaction", "satisfied");
    }

    @Test
    void daysOutsideThePeriodAreNotCounted() throws Exception {
        surveyAnsweredWith(new SurveyRequest("WO-7", "13800138007", "环境保护", "东城街道"), citizen("1", "1"));

        assertThat(rates("?from=2026-11-26&to=2026-12-31").at("/total/counts/surveyed").asLong()).isZero();
        assertThat(rates("?from=2026-11-25&to=2026-11-25").at("/total/counts/surveyed").asLong()).isEqualTo(1);
    }

    @Test
    void aBadPeriodIsRefusedNamingTheParameter() throws Exception {
        HttpResponse<String> missing = get("?to=2026-11-30");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("'from' is required");
        HttpResponse<String> garbled = get("?from=" + URLEncoder.encode("25/11/2026", StandardCharsets.UTF_8) + "&to=2026-11-30");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(garbled.body()).contains("'from' is not a date").contains("25/11/2026");
        assertThat(get("?from=2026-11-30&to=2026-11-01").body()).contains("before");
        assertThat(get("?from=2020-01-01&to=2026-11-30").body()).contains("at most 366 days");
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (value.equals(row.get(field).asText())) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + "=" + value + " in " + rows);
    }
}
