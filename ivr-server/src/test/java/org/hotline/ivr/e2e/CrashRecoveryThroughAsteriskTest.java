package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asterisk crashes (SIGKILL) while a citizen waits in the queue, and comes back: the server lets go of the cut
 * call by itself (no AGI session, nobody left waiting, counted as abandoned), keeps the citizen's draft order,
 * and takes the next call through to a seat without being restarted. The server is logged in to AMI as {@code ivr}:
 * its {@code ami} health check goes down with Asterisk and comes back up by itself. (Device states and state
 * re-read after the reconnect: {@code AmiThroughAsteriskTest}.)
 */
@ExtendWith(AsteriskExtension.class)
@ServerLogsInToAmi
class CrashRecoveryThroughAsteriskTest {

    @BeforeAll
    static void prompts(AsteriskRig rig) throws Exception {
        Hotline.installPrompts(rig);
    }

    @AfterEach
    void seatsOut(AsteriskRig rig) {
        Hotline.logOutAllSeats(rig);
    }

    @Test
    void aQueuedCallCutByACrashIsKeptAndTheNextCallReachesASeat(AsteriskRig rig) throws Exception {
        awaitAmiHealth(rig, true);
        long abandonedBefore = Hotline.abandoned(rig, "zh-general");
        TestCall cut = rig.place(TestCallPlan.hotline("13800138020").keys("1,1,1").speech(Hotline.sample("zh-06"))
                .timeout(Duration.ofSeconds(90)));
        Hotline.awaitCommand(cut, "EXEC \"StartMusicOnHold\"");
        Hotline.await(Duration.ofSeconds(10), "the call waiting in zh-general",
                () -> Hotline.stats(rig).queue("zh-general").orElseThrow().waiting() == 1,
                () -> String.valueOf(Hotline.stats(rig).queue("zh-general")));

        rig.crashAsterisk();
        long crashedAt = System.nanoTime();
        Hotline.awaitGone(rig, crashedAt, Duration.ofSeconds(5));
        Hotline.await(Duration.ofSeconds(5), "the cut call counted as abandoned",
                () -> Hotline.abandoned(rig, "zh-general") == abandonedBefore + 1,
                () -> String.valueOf(Hotline.stats(rig).queue("zh-general")));
        DraftOrder kept = Hotline.draftOrder(rig, cut.ivrLegId());
        assertThat(kept.menuPath()).contains("describe-problem");
        assertThat(Path.of(kept.recordingPath())).isRegularFile();

        awaitAmiHealth(rig, false);

        rig.startAsteriskAgain();
        awaitAmiHealth(rig, true);
        Hotline.seatReady(rig, "1001");
        TestCall next = rig.place(TestCallPlan.hotline("13800138021").keys("1,1,1").speech(Hotline.sample("zh-07"))
                .timeout(Duration.ofSeconds(90)));
        Hotline.awaitSeatOnCall(rig, "1001", next.ivrLegId());
        next.hangUpCitizen();
        next.result().get(30, TimeUnit.SECONDS);
        assertThat(Hotline.draftOrder(rig, next.ivrLegId()).menuPath()).contains("describe-problem");
    }

    private static void awaitAmiHealth(AsteriskRig rig, boolean up) throws InterruptedException {
        Hotline.await(Duration.ofSeconds(60), "AMI health " + (up ? "up" : "down"),
                () -> rig.server().health().report().checks().get("ami").up() == up,
                () -> String.valueOf(rig.server().health().report().checks().get("ami")));
    }
}
