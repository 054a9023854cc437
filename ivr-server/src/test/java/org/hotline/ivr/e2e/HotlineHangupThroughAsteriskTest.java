package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Citizens who hang up on the 12345 flow, through a real Asterisk: in a menu, while describing, while
 * queued. Within a second of the hangup the server holds nothing for the call (no AGI session, nobody
 * waiting in the queue); what the caller said is kept as a draft order; a queued caller counts as abandoned.
 */
@ExtendWith(AsteriskExtension.class)
class HotlineHangupThroughAsteriskTest {

    private static final Duration GONE_WITHIN = Duration.ofSeconds(1);

    @BeforeAll
    static void prompts(AsteriskRig rig) throws Exception {
        Hotline.installPrompts(rig);
    }

    @AfterEach
    void seatsOut(AsteriskRig rig) {
        Hotline.logOutAllSeats(rig);
    }

    @Test
    void hangupInTheMainMenuLeavesNoStateAndNoOrder(AsteriskRig rig) throws Exception {
        long abandonedBefore = Hotline.abandoned(rig, "zh-general");
        TestCall call = rig.place(TestCallPlan.hotline("13800138010").keys("1").timeout(Duration.ofSeconds(60)));
        Hotline.awaitCommand(call, "STREAM FILE \"main-menu\"");
        call.hangUpCitizen();
        long hungUpAt = System.nanoTime();

        Hotline.awaitGone(rig, hungUpAt, GONE_WITHIN);
        call.result().get(10, TimeUnit.SECONDS);
        Hotline.awaitOutcome(rig, call.ivrLegId(), "caller-hangup at main-menu");
        assertThat(DemoCallThroughAsteriskTest.journal(rig, call.ivrLegId())).containsEntry("orderId", "");
        assertThat(Hotline.abandoned(rig, "zh-general")).isEqualTo(abandonedBefore);
    }

    @Test
    void hangupWhileDescribingKeepsTheRecordingAsADraftOrder(AsteriskRig rig) throws Exception {
        TestCall[] placed = new TestCall[1];
        CompletableFuture<Long> hungUpAt = new CompletableFuture<>();
        placed[0] = rig.place(TestCallPlan.hotline("13800138011").keys("1,1,1").speech(Hotline.sample("zh-03"))
                .timeout(Duration.ofSeconds(60)), event -> {
                    if (event.kind().equals("speak")) {
                        Hotline.later(Duration.ofSeconds(2), () -> {
                            placed[0].hangUpCitizen();
                            hungUpAt.complete(System.nanoTime());
                        });
                    }
                });
        TestCall call = placed[0];

        Hotline.awaitGone(rig, hungUpAt.get(60, TimeUnit.SECONDS), GONE_WITHIN);
        call.result().get(30, TimeUnit.SECONDS);
        Hotline.awaitOutcome(rig, call.ivrLegId(), "caller-hangup at describe-problem");
        assertThat(Hotline.step(rig, call.ivrLegId(), "describe-problem"))
                .containsEntry("result", "caller hung up while speaking");
        DraftOrder order = Hotline.draftOrder(rig, call.ivrLegId());
        assertThat(order.menuPath()).containsSubsequence("main-menu:1", "report-type:1", "describe-problem");
        assertThat(Path.of(order.recordingPath())).isRegularFile();
    }

    @Test
    void hangupWhileQueuedIsAnAbandonAndKeepsTheOrder(AsteriskRig rig) throws Exception {
        long abandonedBefore = Hotline.abandoned(rig, "zh-general");
        TestCall call = rig.place(TestCallPlan.hotline("13800138012").keys("1,1,2").speech(Hotline.sample("zh-04"))
                .timeout(Duration.ofSeconds(90)));
        Hotline.awaitCommand(call, "EXEC \"StartMusicOnHold\"");
        Hotline.await(Duration.ofSeconds(10), "the call waiting in zh-general",
                () -> Hotline.stats(rig).queue("zh-general").orElseThrow().waiting() == 1,
                () -> String.valueOf(Hotline.stats(rig).queue("zh-general")));
        call.hangUpCitizen();
        long hungUpAt = System.nanoTime();

        Hotline.awaitGone(rig, hungUpAt, GONE_WITHIN);
        call.result().get(10, TimeUnit.SECONDS);
        Hotline.await(Duration.ofSeconds(5), "the abandon counted",
                () -> Hotline.abandoned(rig, "zh-general") == abandonedBefore + 1,
                () -> String.valueOf(Hotline.stats(rig).queue("zh-general")));
        DraftOrder order = Hotline.draftOrder(rig, call.ivrLegId());
        assertThat(order.menuPath()).containsSubsequence("report-type:2", "describe-problem");
        assertThat(Path.of(order.recordingPath())).isRegularFile();
    }
}
