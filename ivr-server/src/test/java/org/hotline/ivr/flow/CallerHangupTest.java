package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller may hang up at any node that talks to them; the run ends cleanly and keeps what they keyed and
 * said. (condition, set and goto send nothing to Asterisk: a hang-up there surfaces at the next node that does.)
 */
class CallerHangupTest {

    static final String FLOW = """
            languages: [zh, en]
            start: intro
            nodes:
              intro:
                play: p-intro
                next: lang
              lang:
                language:
                  prompt: p-lang
                  keys: {1: zh, 2: en}
                  default: zh
                next: pick
              pick:
                menu:
                  prompt: p-menu
                  options: {1: digits, 9: bye}
                  default: digits
              digits:
                collect:
                  prompt: p-digits
                  max: 4
                  into: number
                  default: speak
                next: speak
              speak:
                describe:
                  prompt: p-speak
                next: check
              check:
                condition:
                  - if: {variable: number, equals: "7"}
                    then: bye
                  - else: mark
              mark:
                set: {marked: "yes"}
                next: dial
              dial:
                transfer:
                  to: PJSIP/100
                  announce: p-dial
                  on-fail: queue
              queue:
                enqueue:
                  queue: citizen
                  announce: p-queue
              bye:
                hangup: p-bye
            on-error: bye
            """;

    @TempDir
    static Path temp;
    static FlowBench bench;
    static AudioSocketSink audio;
    static Path speech;

    @BeforeAll
    static void start() throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Files.writeString(flows.resolve("every.yaml"), FLOW);
        Files.createDirectories(flows.resolve("prompts"));
        // The hold's prompts too: lint refuses a flow whose enqueue would play a prompt without text.
        String prompts = String.join("\n", Stream.concat(Stream.of("p-intro", "p-lang", "p-menu",
                        "p-digits", "p-speak", "p-dial", "p-queue", "p-bye"),
                HoldPlan.defaults(null).used().stream().map(Ref::name)).map(p -> p + ": text of " + p).toList());
        Files.writeString(flows.resolve("prompts/zh.yaml"), prompts);
        Files.writeString(flows.resolve("prompts/en.yaml"), prompts);
        audio = new AudioSocketSink();
        speech = Wavs.tone(temp, 0.5);
        bench = new FlowBench(flows, temp.resolve("redis"),
                redis -> StandInServices.of(redis, "127.0.0.1", audio.port()));
    }

    @AfterAll
    static void stop() throws Exception {
        bench.close();
        audio.close();
    }

    private JourneyStore.Journey hangsUpAt(String node, CallScenario scenario) throws Exception {
        CallRecord record = bench.call(scenario);
        assertThat(record.outcome()).isEqualTo("caller-hangup");
        JourneyStore.Journey journey = bench.journey(record);
        assertThat(journey.call()).containsEntry("outcome", "caller-hangup at " + node);
        Map<String, String> last = journey.steps().get(journey.steps().size() - 1);
        assertThat(last).containsEntry("node", node);
        assertThat(last.get("result")).contains("hung up");
        return journey;
    }

    private static CallScenario call(String name) {
        return CallScenario.of(name, "every", "13800138000");
    }

    @Test
    void duringAPlayedPrompt() throws Exception {
        hangsUpAt("intro", call("play").hangUpDuring("p-intro"));
    }

    @Test
    void duringTheLanguageChoice() throws Exception {
        hangsUpAt("lang", call("language").hangUpDuring("p-lang"));
    }

    @Test
    void duringAMenuKeepingTheLanguageChosen() throws Exception {
        JourneyStore.Journey journey = hangsUpAt("pick", call("menu").press("2").hangUpDuring("p-menu"));
        assertThat(journey.call()).containsEntry("language", "en").containsEntry("keys", "2");
    }

    @Test
    void whileEnteringDigits() throws Exception {
        hangsUpAt("digits", call("collect").press("1").press("1").hangUpDuring("p-digits"));
    }

    @Test
    void whileDescribingTheProblemStillLeavesADraftOrder() throws Exception {
        CallScenario scenario = call("describe").press("1").press("1").press("42#").say(speech).hangUp();
        JourneyStore.Journey journey = hangsUpAt("speak", scenario);
        assertThat(journey.call().get("variables")).contains("\"number\":\"42\"");
        assertThat(journey.call()).containsEntry("keys", "1142");
        assertThat(journey.call().get("orderId")).startsWith("draft-");
        assertThat(audio.streams()).anyMatch(s -> s.callerHungUp() && s.audioBytes() > 0);
    }

    @Test
    void whileBeingTransferred() throws Exception {
        hangsUpAt("dial", call("transfer").press("1").press("1").press("42#").say(speech).pause(Duration.ZERO)
                .hangUpDuring("\"Dial\""));
    }

    @Test
    void whileBeingQueuedAfterTheTransferFailed() throws Exception {
        JourneyStore.Journey journey = hangsUpAt("queue", call("enqueue").variable("DIALSTATUS", "BUSY")
                .press("1").press("1").press("42#").say(speech).pause(Duration.ZERO).hangUpDuring("p-queue"));
        assertThat(journey.steps()).anyMatch(s -> "dial".equals(s.get("node")) && s.get("result").contains("BUSY"));
        assertThat(journey.call().get("variables")).contains("\"marked\":\"yes\"");
    }

    @Test
    void duringTheGoodbye() throws Exception {
        hangsUpAt("bye", call("hangup").press("1").press("9").hangUpDuring("p-bye"));
    }
}
