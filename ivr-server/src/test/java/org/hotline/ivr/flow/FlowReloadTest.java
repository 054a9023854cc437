package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading flows while calls run: new calls get the new text, calls in progress keep theirs, bad text is refused. */
class FlowReloadTest {

    static final String VERSION = """
            languages: [zh]
            start: news
            nodes:
              news:
                play: %s
                next: bye
              bye:
                hangup: bye
            on-error: bye
            """;

    @TempDir
    Path temp;
    Path flows;
    FlowBench bench;

    @BeforeEach
    void start() throws Exception {
        flows = Files.createDirectories(temp.resolve("flows"));
        Files.createDirectories(flows.resolve("prompts"));
        Files.writeString(flows.resolve("prompts/zh.yaml"), "p-one: 一\np-two: 二\nbye: 再见\n");
        Files.writeString(flows.resolve("news.yaml"), VERSION.formatted("p-one"));
        bench = new FlowBench(flows, temp.resolve("redis"), redis -> StandInServices.of(redis, "127.0.0.1", 1));
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void aCallInProgressFinishesOnTheVersionItStartedWith() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<CallRecord> first = bench.sim.call(
                CallScenario.of("before", "news", "13800138000").promptDuration(Duration.ofMillis(300)),
                event -> {
                    if (event.direction() == SimEvent.Direction.FROM_SERVER && event.text().startsWith("ANSWER")) {
                        answered.countDown();
                    }
                });
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();

        Files.writeString(flows.resolve("news.yaml"), VERSION.formatted("p-two"));
        FlowLibrary.ReloadReport report = bench.flows.reload();
        CallRecord second = bench.call(CallScenario.of("after", "news", "13800138001"));

        assertThat(report.clean()).isTrue();
        assertThat(first.get(10, TimeUnit.SECONDS).prompts()).containsExactly("p-one", "bye");
        assertThat(second.prompts()).containsExactly("p-two", "bye");
        assertThat(bench.journey(first.get()).call().get("version"))
                .isNotEqualTo(bench.journey(second).call().get("version"));
    }

    @Test
    void aBrokenReloadIsRefusedAndThePreviousVersionKeepsServing() throws Exception {
        Files.writeString(flows.resolve("news.yaml"), VERSION.formatted("p-two").replace("next: bye", "next: by"));
        FlowLibrary.ReloadReport report = bench.flows.reload();
        CallRecord call = bench.call(CallScenario.of("after-bad-reload", "news", "13800138000"));

        assertThat(report.clean()).isFalse();
        assertThat(report.keptPrevious()).containsExactly("news");
        assertThat(report.problems()).extracting(FlowProblem::toString)
                .anyMatch(p -> p.endsWith("news.yaml:6:11: node 'news': unknown node 'by'"));
        assertThat(call.prompts()).containsExactly("p-one", "bye");
    }

    @Test
    void anEngineerReloadsOverHttpAndSeesEveryProblem() throws Exception {
        var admin = org.hotline.ivr.http.ApiTokens.issue("deploy", java.util.Set.of(org.hotline.ivr.http.Role.ADMIN));
        var routes = new org.hotline.ivr.http.Router()
                .authenticateWith(org.hotline.ivr.http.ApiTokens.of(java.util.List.of(admin.entry())));
        bench.flows.routes(routes);
        try (org.hotline.ivr.http.HttpServer http = org.hotline.ivr.http.HttpServer.start(
                org.hotline.ivr.ops.ConfigLoader.defaultsOnly().http().withPort(0), bench.transport, routes)) {
            Files.writeString(flows.resolve("news.yaml"), VERSION.formatted("p-three"));
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + http.port() + "/admin/flows/reload"))
                    .header("Authorization", "Bearer " + admin.token())
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).contains("\"keptPrevious\":[\"news\"]")
                    .contains("news.yaml:5:11: node 'news': prompt 'p-three' has no text in zh");
        }
    }

    @Test
    void aFlowAddedByAReloadAnswersItsOwnScriptName() throws Exception {
        Files.writeString(flows.resolve("late.yaml"), VERSION.formatted("p-two"));
        bench.flows.reload();
        assertThat(bench.call(CallScenario.of("new", "late", "13800138000")).prompts()).containsExactly("p-two", "bye");
    }

    @Test
    void aLoopThatNeverTalksToTheCallerIsCutOffAfterTheStepLimit() throws Exception {
        Files.writeString(flows.resolve("spin.yaml"), """
                languages: [zh]
                start: a
                nodes:
                  a:
                    set: {n: x}
                    next: b
                  b:
                    condition:
                      - if: {variable: n, equals: never}
                        then: bye
                      - else: a
                  bye:
                    hangup: bye
                on-error: bye
                """);
        bench.flows.reload();
        CallRecord record = bench.call(CallScenario.of("spin", "spin", "13800138000"));
        JourneyStore.Journey journey = bench.journey(record);
        assertThat(journey.call().get("outcome")).isEqualTo("step limit: " + FlowRun.MAX_STEPS + " nodes");
        assertThat(journey.steps()).hasSize(FlowRun.MAX_STEPS);
    }

    @Test
    void theSurveyKeepsBothAnswers() throws Exception {
        try (FlowBench shipped = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis2"),
                redis -> StandInServices.of(redis, "127.0.0.1", 1))) {
            CallRecord record = shipped.call(CallScenario.of("survey", "survey", "13800138000").press("1").press("2"));
            JourneyStore.Journey journey = shipped.journey(record);
            assertThat(journey.call().get("variables")).contains("\"resolved\":\"yes\"")
                    .contains("\"satisfaction\":\"basically-satisfied\"");
            assertThat(journey.call()).containsEntry("outcome", "completed");
            assertThat(record.prompts()).containsExactly("survey-intro", "survey-resolved", "survey-satisfied",
                    "survey-thanks");
        }
    }
}
