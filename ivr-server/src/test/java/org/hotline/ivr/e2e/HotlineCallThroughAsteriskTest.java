package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.hotline.ivr.testcall.TestCallResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The 12345 flow end to end: menus, a spoken description over AudioSocket, the queue, a seat phone. */
@ExtendWith(AsteriskExtension.class)
class HotlineCallThroughAsteriskTest {

    @BeforeAll
    static void prompts(AsteriskRig rig) throws Exception {
        Hotline.installPrompts(rig);
    }

    @AfterEach
    void seatsOut(AsteriskRig rig) {
        Hotline.logOutAllSeats(rig);
    }

    @Test
    void citizenDescribesAProblemInMandarinIsQueuedAndASeatAnswers(AsteriskRig rig) throws Exception {
        Hotline.seatReady(rig, "1001");
        TestCall call = rig.place(TestCallPlan.hotline("13800138000").keys("1,1,1").speech(Hotline.sample("zh-01"))
                .timeout(Duration.ofSeconds(90)));
        Hotline.awaitSeatOnCall(rig, "1001", call.ivrLegId());
        call.hangUpCitizen();
        TestCallResult result = call.result().get(30, TimeUnit.SECONDS);

        assertThat(result.timedOut()).isFalse();
        assertThat(result.agiCommands()).anyMatch(c -> c.startsWith("EXEC \"AudioSocket\""))
                .anyMatch(c -> c.startsWith("EXEC \"Dial\" \"Local/1001@test-seat,"));
        assertThat(Hotline.step(rig, call.ivrLegId(), "describe-problem")).containsEntry("result",
                "described, ended by end-of-speech");
        DraftOrder order = Hotline.draftOrder(rig, call.ivrLegId());
        assertThat(order.callerNumber()).isEqualTo("13800138000");
        assertThat(order.language()).isEqualTo("zh");
        assertThat(order.menuPath()).containsSubsequence("choose-language:1", "main-menu:1", "report-type:1",
                "describe-problem");
        // The transcript needs a Vosk model, which this workspace cannot download: recording only.
        assertThat(Path.of(order.recordingPath())).isRegularFile().satisfies(wav ->
                assertThat(Files.size(wav)).isGreaterThan(8000 * 2 * 3));
        Hotline.awaitSeatState(rig, "1001", "wrapup");
    }

    @Test
    void englishCallerReachesTheForeignLineAndASeatThatSpeaksEnglish(AsteriskRig rig) throws Exception {
        Hotline.seatReady(rig, "1002");
        TestCall call = rig.place(TestCallPlan.hotline("13900139001").language("en").keys("2,1,2")
                .speech(Hotline.sample("en-01")).timeout(Duration.ofSeconds(90)));
        Hotline.awaitSeatOnCall(rig, "1002", call.ivrLegId());
        call.hangUpCitizen();
        TestCallResult result = call.result().get(30, TimeUnit.SECONDS);

        assertThat(result.agiCommands()).contains("SET VARIABLE \"CHANNEL(language)\" \"en\"")
                .anyMatch(c -> c.startsWith("EXEC \"Dial\" \"Local/1002@test-seat,"));
        assertThat(Hotline.step(rig, call.ivrLegId(), "describe-problem")).containsEntry("result",
                "described, ended by end-of-speech");
        DraftOrder order = Hotline.draftOrder(rig, call.ivrLegId());
        assertThat(order.language()).isEqualTo("en");
        assertThat(order.menuPath()).containsSubsequence("choose-language:2", "main-menu:1", "report-type:2",
                "describe-problem");
        assertThat(Path.of(order.recordingPath())).isRegularFile();
    }

    @Test
    void callerWhoPressesHashEndsTheDescriptionThere(AsteriskRig rig) throws Exception {
        Hotline.seatReady(rig, "1001");
        TestCall[] placed = new TestCall[1];
        placed[0] = rig.place(TestCallPlan.hotline("13800138002").keys("1,1,3").speech(Hotline.sample("zh-02"))
                .timeout(Duration.ofSeconds(90)), event -> {
                    if (event.kind().equals("speak")) {
                        // mid-sentence: the WAV lasts several seconds, the key goes as an AudioSocket 0x03 frame
                        Hotline.later(Duration.ofSeconds(2), () -> placed[0].press("#"));
                    }
                });
        TestCall call = placed[0];
        Hotline.awaitSeatOnCall(rig, "1001", call.ivrLegId());
        call.hangUpCitizen();
        call.result().get(30, TimeUnit.SECONDS);

        assertThat(Hotline.step(rig, call.ivrLegId(), "describe-problem")).containsEntry("result",
                "described, ended by dtmf");
        DraftOrder order = Hotline.draftOrder(rig, call.ivrLegId());
        assertThat(order.menuPath()).containsSubsequence("report-type:3", "describe-problem");
        assertThat(Path.of(order.recordingPath())).isRegularFile();
    }

    @Test
    void aSeatPhoneThatNeverAnswersIsPausedAndTheCallGoesToTheNextReadySeat(AsteriskRig rig) throws Exception {
        Hotline.seatPhoneNeverAnswers(rig, "1001", true);
        try {
            Hotline.seatReady(rig, "1001"); // ready first: the longest idle, offered the call first
            Hotline.seatReady(rig, "1002");
            TestCall call = rig.place(TestCallPlan.hotline("13800138003").keys("1,1,1").speech(Hotline.sample("zh-05"))
                    .timeout(Duration.ofSeconds(120)));
            Hotline.awaitSeatOnCall(rig, "1002", call.ivrLegId());
            QueueStats.Seat unanswered = Hotline.stats(rig).seat("1001").orElseThrow();
            call.hangUpCitizen();
            TestCallResult result = call.result().get(30, TimeUnit.SECONDS);

            assertThat(unanswered.state()).isEqualTo("paused");
            assertThat(unanswered.reason()).isEqualTo("no answer");
            assertThat(result.agiCommands().stream().filter(c -> c.startsWith("EXEC \"Dial\"")).toList())
                    .satisfiesExactly(first -> assertThat(first).startsWith("EXEC \"Dial\" \"Local/1001@test-seat,20,"),
                            second -> assertThat(second).startsWith("EXEC \"Dial\" \"Local/1002@test-seat,20,"));
            assertThat(Hotline.draftOrder(rig, call.ivrLegId()).menuPath()).contains("describe-problem");
        } finally {
            Hotline.seatPhoneNeverAnswers(rig, "1001", false);
        }
    }

    /** Issue scenario 1's transcript: only where a Vosk model for Mandarin is installed (speech-models/). */
    @Test
    void theDraftOrderCarriesTheTranscriptWhereAMandarinModelIsInstalled(AsteriskRig rig) throws Exception {
        var models = rig.server().speech().models();
        models.loaded().get(120, TimeUnit.SECONDS);
        Assumptions.assumeTrue(models.model("zh").isPresent(), "no Vosk model for zh in " + models.directory()
                + " (./ivr models install zh): the draft order has the recording but no transcript");
        Hotline.seatReady(rig, "1001");
        TestCall call = rig.place(TestCallPlan.hotline("13800138004").keys("1,1,1").speech(Hotline.sample("zh-01"))
                .timeout(Duration.ofSeconds(90)));
        Hotline.awaitSeatOnCall(rig, "1001", call.ivrLegId());
        call.hangUpCitizen();
        call.result().get(30, TimeUnit.SECONDS);

        assertThat(Hotline.draftOrder(rig, call.ivrLegId()).transcript()).isNotBlank();
    }
}
