package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.hotline.ivr.agi.AgiRequest;
import org.hotline.ivr.demo.DemoScript;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.hotline.ivr.testcall.TestCallResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in demo script driven by a citizen's call through a real Asterisk 22. */
@ExtendWith(AsteriskExtension.class)
class DemoCallThroughAsteriskTest {

    private static final BlockingQueue<AgiRequest> requests = new LinkedBlockingQueue<>();

    @BeforeAll
    static void recordWhatTheServerDecodes(AsteriskRig rig) {
        DemoScript demo = new DemoScript(rig.server().redis());
        rig.server().scripts().replace("demo", "the test, recording each request", call -> {
            requests.add(call.request());
            return demo.run(call);
        });
        rig.server().scripts().register("bad-app", call -> call.channel().send(new AnswerCommand())
                .thenCompose(r -> call.channel().send(new ExecCommand("NoSuchApplication", "x")))
                .thenCompose(r -> call.channel().send(new StreamFileCommand("demo/no-such-prompt", ""))));
    }

    @Test
    void citizenPressesKeysThroughAsteriskAndTheJournalSaysCompleted(AsteriskRig rig) throws Exception {
        requests.clear();
        TestCall call = rig.place(TestCallPlan.hotline("13800138000").to("ivr-check", "demo").keys(",42#"));
        TestCallResult result = call.result().get(30, TimeUnit.SECONDS);

        AgiRequest request = requests.poll(1, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.script()).isEqualTo("demo");
        assertThat(request.uniqueId()).isEqualTo(call.ivrLegId());
        assertThat(request.channel()).matches("Local/caller@test-caller-[0-9a-f]{8};1");
        assertThat(request.callerId()).isEqualTo("13800138000");
        assertThat(request.context()).isEqualTo("ivr-check");
        assertThat(request.extension()).isEqualTo("demo");
        assertThat(request.asteriskVersion()).startsWith("22.");

        assertThat(result.timedOut()).isFalse();
        assertThat(result.agiCommands()).containsExactly("ANSWER", "STREAM FILE \"demo/welcome\" \"#\"",
                "GET DATA \"demo/enter-digits\" 5000 4", "SAY DIGITS \"42\" \"\"",
                "STREAM FILE \"demo/goodbye\" \"\"", "HANGUP");
        Map<String, String> journal = journal(rig, call.ivrLegId());
        assertThat(journal).containsEntry("outcome", "completed").containsEntry("caller", "13800138000")
                .containsEntry("channel", request.channel());
        assertThat(steps(rig, call.ivrLegId())).anyMatch(step -> step.endsWith("get-data 42"));
    }

    @Test
    void citizenLanguageReachesTheServer(AsteriskRig rig) throws Exception {
        requests.clear();
        TestCall call = rig.place(TestCallPlan.hotline("13900139000").to("ivr-check", "demo").language("zh")
                .keys("#,7#"));
        TestCallResult result = call.result().get(30, TimeUnit.SECONDS);

        assertThat(requests.poll(1, TimeUnit.SECONDS).language()).isEqualTo("zh");
        assertThat(result.agiCommands()).contains("SAY DIGITS \"7\" \"\"");
        assertThat(journal(rig, call.ivrLegId())).containsEntry("outcome", "completed");
    }

    @Test
    void theHotlineEntryStartsInMandarinUnlessTheCallSaysOtherwise(AsteriskRig rig) throws Exception {
        BlockingQueue<AgiRequest> hotline = new LinkedBlockingQueue<>();
        rig.server().scripts().replace("12345", "the test, in place of the 12345 flow", call -> {
            hotline.add(call.request());
            return call.channel().send(new HangupCommand());
        });
        rig.place(TestCallPlan.hotline("13800138000")).result().get(30, TimeUnit.SECONDS);
        rig.place(TestCallPlan.hotline("13800138000").language("en")).result().get(30, TimeUnit.SECONDS);

        AgiRequest plain = hotline.poll(1, TimeUnit.SECONDS);
        AgiRequest english = hotline.poll(1, TimeUnit.SECONDS);
        assertThat(plain.script()).isEqualTo("12345");
        assertThat(plain.context()).isEqualTo("ivr-in");
        assertThat(plain.language()).isEqualTo("zh");
        assertThat(english.language()).isEqualTo("en");
    }

    @Test
    void citizenWhoHangsUpMidCallLeavesNoStateAndAJournalSayingHangup(AsteriskRig rig) throws Exception {
        TestCall call = rig.place(TestCallPlan.hotline("13700137000").to("ivr-check", "demo"), event -> { });
        awaitCommand(call, "GET DATA");
        call.hangUpCitizen();
        long hungUpAt = System.nanoTime();
        TestCallResult result = call.result().get(10, TimeUnit.SECONDS);

        awaitWithin(Duration.ofSeconds(1), hungUpAt, () -> rig.server().agiMetrics().activeCalls() == 0
                && "hangup".equals(journal(rig, call.ivrLegId()).get("outcome")));
        assertThat(result.agiCommands()).doesNotContain("HANGUP");
        assertThat(steps(rig, call.ivrLegId())).noneMatch(step -> step.contains("get-data"));
    }

    @Test
    void aCommandAsteriskRejectsFailsTheLogCheck(AsteriskRig rig) throws Exception {
        TestCall call = rig.place(TestCallPlan.hotline("13600136000").to("test-ivr", "bad-app")
                .timeout(Duration.ofSeconds(10)));
        call.result().get(20, TimeUnit.SECONDS);

        assertThatThrownBy(rig::assertAsteriskHadNoComplaints).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Could not find application (NoSuchApplication)")
                .hasMessageContaining("demo/no-such-prompt");
        rig.forgiveComplaintsSoFar();
    }

    private static void awaitCommand(TestCall call, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            List<String> seen = call.agiCommandsSoFar();
            if (seen.stream().anyMatch(command -> command.startsWith(prefix))) {
                Thread.sleep(300);
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the IVR never sent " + prefix + "; it sent " + call.agiCommandsSoFar());
    }

    private static void awaitWithin(Duration limit, long fromNanos, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - fromNanos > limit.toNanos()) {
                throw new AssertionError("not within " + limit.toMillis() + " ms of the hangup");
            }
            Thread.sleep(10);
        }
    }

    static Map<String, String> journal(AsteriskRig rig, String callId) {
        return rig.server().redis().call("test", jedis -> jedis.hgetAll("ivr:call:" + callId));
    }

    static List<String> steps(AsteriskRig rig, String callId) {
        return rig.server().redis().call("test", jedis -> jedis.lrange("ivr:call:" + callId + ":steps", 0, -1));
    }
}
