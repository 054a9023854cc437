package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped 12345 flow, called through the real FastAGI server by the simulator, on a Wednesday morning. */
class Hotline12345FlowTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String CITIZEN = "13800138000";

    @TempDir
    static Path temp;
    static AudioSocketSink audio;
    static FlowBench bench;
    static FlowBench holidayBench;
    static FlowBench busyBench;
    static Path speech;

    @BeforeAll
    static void start() throws Exception {
        audio = new AudioSocketSink();
        speech = Wavs.tone(temp, 1.0);
        bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), at("2026-11-25T10:00", null));
        holidayBench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis2"), at("2026-10-02T10:00", null));
        busyBench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis3"), at("2026-11-25T10:00",
                queue -> CompletableFuture.completedFuture(new FlowServices.QueueLoad(45, Duration.ofMinutes(9)))));
    }

    static java.util.function.Function<org.hotline.ivr.redis.RedisGateway, FlowServices> at(String time,
                                                                                        FlowServices.QueueStatus queues) {
        Clock clock = Clock.fixed(LocalDateTime.parse(time).atZone(SHANGHAI).toInstant(), SHANGHAI);
        return redis -> {
            FlowServices services = StandInServices.of(redis, "127.0.0.1", audio.port()).withClock(clock);
            return queues == null ? services : services.withQueues(queues);
        };
    }

    @AfterAll
    static void stop() throws Exception {
        bench.close();
        holidayBench.close();
        busyBench.close();
        audio.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zh,1", "en,2", "ja,3", "ko,4", "ru,5", "fr,6", "de,7", "es,8"})
    void aCitizenReportsAComplaintAndIsQueuedInTheirLanguage(String language, String key) throws Exception {
        CallRecord record = bench.call(CallScenario.of("complaint-" + language, "12345", CITIZEN)
                .press(key).press("1").press("1").say(speech));

        JourneyStore.Journey journey = bench.journey(record);
        assertThat(record.commands()).anyMatch(c -> c.contains("CHANNEL(language)") && c.endsWith(language + "\""));
        assertThat(record.prompts()).containsSubsequence("welcome", "choose-language", "main-menu", "report-type",
                "describe-problem", "queue-hold");
        String line = language.equals("zh") ? "zh-general" : "foreign";
        assertThat(nodes(journey)).containsExactly("welcome", "choose-language", "pick-line",
                language.equals("zh") ? "line-mandarin" : "line-foreign", "care-list", "holiday-check",
                "main-menu", "report-type", "mark-complaint", "describe-problem", "queue-check", "queue-citizen");
        assertThat(journey.call()).containsEntry("language", language).containsEntry("queue", line)
                .containsEntry("orderId", "draft-" + record.uniqueId()).containsEntry("keys", key + "11");
        assertThat(journey.call().get("outcome")).startsWith("queued: fallback Local/operators@hotline-seats: ANSWER");
        Map<String, String> draft = bench.redis.call("t", j -> j.hgetAll(RedisDraftOrders.key(record.uniqueId())));
        assertThat(draft.get("variables")).contains("\"category\":\"complaint\"");
        assertThat(draft).containsEntry("language", language);
    }

    @Test
    void aFinishedCallsJourneyExpiresSoRedisDoesNotFillUp() throws Exception {
        CallRecord record = bench.call(CallScenario.of("expiring", "12345", CITIZEN).press("0"));
        long week = Duration.ofDays(7).toSeconds();
        for (String key : List.of(JourneyStore.key(record.uniqueId()), JourneyStore.key(record.uniqueId()) + ":journey")) {
            long ttl = bench.redis.call("t", j -> j.ttl(key));
            assertThat(ttl).as("seconds %s has left", key).isBetween(week - 600, week);
        }
    }

    @Test
    void silenceAtTheLanguageMenuMeansMandarin() throws Exception {
        CallRecord record = bench.call(CallScenario.of("silent", "12345", CITIZEN).press("0"));
        JourneyStore.Journey journey = bench.journey(record);
        // The "0" is taken by the language menu as an invalid key; Mandarin follows, then the main menu times out.
        assertThat(journey.call()).containsEntry("language", "zh");
        assertThat(journey.steps().get(1)).containsEntry("result", "language zh (default)");
        assertThat(nodes(journey)).endsWith("main-menu", "operator");
    }

    @Test
    void aRegisteredElderlyCallerGoesStraightToThePriorityPath() throws Exception {
        CallRecord record = bench.call(CallScenario.of("elderly", "12345", "13900001234").press("1").say(speech));
        JourneyStore.Journey journey = bench.journey(record);
        assertThat(nodes(journey)).containsExactly("welcome", "choose-language", "pick-line", "line-mandarin",
                "care-list", "priority-mark", "priority-describe", "queue-priority");
        assertThat(journey.steps().get(7).get("result")).contains("queue zh-general priority 0").contains("elderly-care");
    }

    @Test
    void checkingAnOrderCollectsItsNumberAfterAWrongTry() throws Exception {
        CallRecord record = bench.call(CallScenario.of("progress", "12345", CITIZEN)
                .press("2").press("3").press("12#").press("2026112500042#").press("0"));
        JourneyStore.Journey journey = bench.journey(record);
        // No order part on this bench: every number is "not found"; the caller then asks for a seat (0).
        assertThat(record.prompts()).contains("invalid-order-number", "order-progress-lookup", "progress-not-found",
                "progress-offer-seat");
        assertThat(journey.call().get("variables")).contains("\"order_number\":\"2026112500042\"");
        assertThat(journey.call()).containsEntry("queue", "foreign");
    }

    @Test
    void theEnterpriseLineIsDialledInOfficeHours() throws Exception {
        CallRecord record = bench.call(CallScenario.of("enterprise", "12345", CITIZEN).press("1").press("2"));
        assertThat(record.commands()).anyMatch(c -> c.contains("Dial") && c.contains("Local/enterprise@hotline-services,40"));
        assertThat(bench.journey(record).call().get("outcome")).isEqualTo("transferred Local/enterprise@hotline-services: ANSWER");
    }

    @Test
    void onAHolidayCallersHearTheNoticeAndTheEnterpriseLineTakesMessages() throws Exception {
        CallRecord record = holidayBench.call(CallScenario.of("holiday", "12345", CITIZEN)
                .press("1").press("2").press("1").say(speech));
        JourneyStore.Journey journey = holidayBench.journey(record);
        assertThat(record.prompts()).contains("holiday-notice", "enterprise-closed");
        assertThat(nodes(journey)).contains("enterprise-closed", "mark-enterprise", "describe-problem", "queue-citizen");
    }

    @Test
    void aLongQueueOffersACallbackAndKeepsTheDescription() throws Exception {
        CallRecord record = busyBench.call(CallScenario.of("busy", "12345", CITIZEN)
                .press("1").press("1").press("2").say(speech).pause(Duration.ZERO).press("2"));
        JourneyStore.Journey journey = busyBench.journey(record);
        assertThat(nodes(journey)).endsWith("describe-problem", "queue-check", "overflow-menu", "callback-request",
                "queue-callback");
        assertThat(journey.call().get("variables")).contains("\"callback\":\"" + CITIZEN + "\"");
        assertThat(journey.call()).containsEntry("orderId", "draft-" + record.uniqueId());
    }

    @Test
    void twoHundredCallsAtOnceEachKeepTheirOwnPathAndLanguage() throws Exception {
        List<String> languages = PromptCatalog.LANGUAGES;
        List<CompletableFuture<CallRecord>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = String.valueOf(i % 8 + 1);
            calls.add(bench.sim.call(CallScenario.of("load-" + i, "12345", "1380000" + String.format("%04d", i))
                    .press(key).press("3").press("20261125" + String.format("%04d", i) + "#").press("0")));
        }
        for (int i = 0; i < calls.size(); i++) {
            CallRecord record = calls.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
            JourneyStore.Journey journey = bench.journey(record);
            assertThat(journey.call()).containsEntry("language", languages.get(i % 8));
            assertThat(journey.call().get("variables"))
                    .contains("\"order_number\":\"20261125" + String.format("%04d", i) + "\"");
            assertThat(journey.call().get("outcome")).startsWith("queued: ");
        }
    }

    static List<String> nodes(JourneyStore.Journey journey) {
        return journey.steps().stream().map(s -> s.get("node")).toList();
    }
}
