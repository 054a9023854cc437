package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.NoopCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiRequest;
import org.hotline.ivr.agi.AgiScript;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.hotline.ivr.sim.SimEvent;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our simulator is only worth its tests if it answers like Asterisk: the same probe scripts run once
 * through real Asterisk 22 (its replies read from its own AGI debug log) and once against the simulator,
 * and the reply lines must be the same (prompt positions {@code endpos=} aside, which depend on timing).
 */
@ExtendWith(AsteriskExtension.class)
class SimulatorMatchesAsteriskTest {

    /** Variables whose values are the same for a Local-channel call however it is placed. */
    private static final Set<String> STABLE = Set.of("network", "network_script", "type", "version", "callerid",
            "calleridname", "callingpres", "callingani2", "callington", "callingtns", "dnid", "rdnis", "enhanced",
            "accountcode", "language");

    private static final BlockingQueue<AgiRequest> requests = new LinkedBlockingQueue<>();

    private static final List<AgiCommand> KEYS_PROBE = List.of(new AnswerCommand(),
            new StreamFileCommand("demo/welcome", ""), new StreamFileCommand("demo/welcome", "#"),
            new GetDataCommand("demo/enter-digits", 1000, 4), new GetDataCommand("demo/enter-digits", 3000, 4),
            new GetDataCommand("demo/enter-digits", 1500, 4), new NoopCommand(), new HangupCommand());

    private static final List<AgiCommand> HANGUP_PROBE = List.of(new AnswerCommand(),
            new StreamFileCommand("demo/welcome", ""), new StreamFileCommand("demo/goodbye", ""));

    @BeforeAll
    static void registerProbes(AsteriskRig rig) {
        rig.server().scripts().register("probe-keys", probe(KEYS_PROBE)).register("probe-hangup", probe(HANGUP_PROBE));
    }

    @Test
    void promptsKeysTimeoutsAndHangupAreAnsweredAsAsteriskDoes(AsteriskRig rig) throws Exception {
        requests.clear();
        TestCall call = rig.place(TestCallPlan.hotline("13800138000").to("test-ivr", "probe-keys").keys("#,,12#,1"));
        call.result().get(30, TimeUnit.SECONDS);
        AgiRequest real = requests.poll(1, TimeUnit.SECONDS);
        List<String> asterisk = repliesInAsteriskLog(rig, call.ivrChannel());

        CallRecord simulated = simulate(rig, CallScenario.of("sim", "probe-keys", "13800138000").language("en")
                .press("#").press("").press("12#").press("1"));
        AgiRequest sim = requests.poll(1, TimeUnit.SECONDS);

        assertThat(asterisk).startsWith("200 result=0", "200 result=0 endpos=N", "200 result=35 endpos=N",
                "200 result= (timeout)", "200 result=12", "200 result=1 (timeout)", "200 result=0", "200 result=1",
                "HANGUP");
        assertThat(replies(simulated)).isEqualTo(asterisk);
        assertSameEnvironment(real, sim);
    }

    @Test
    void aCitizenWhoHangsUpDuringAPromptIsReportedAsAsteriskDoes(AsteriskRig rig) throws Exception {
        TestCall call = rig.place(TestCallPlan.hotline("13800138000").to("test-ivr", "probe-hangup"));
        awaitCommand(call, "STREAM FILE");
        call.hangUpCitizen();
        call.result().get(30, TimeUnit.SECONDS);
        List<String> asterisk = repliesInAsteriskLog(rig, call.ivrChannel());

        CallRecord simulated = simulate(rig, CallScenario.of("sim", "probe-hangup", "13800138000").language("en")
                .hangUp());

        // The script's next command crosses Asterisk's HANGUP line on the wire, and is refused with 511.
        assertThat(asterisk).containsExactly("200 result=0", "200 result=-1 endpos=N", "HANGUP",
                "511 Command Not Permitted on a dead channel or intercept routine");
        assertThat(replies(simulated)).isEqualTo(asterisk);
    }

    private static AgiScript probe(List<AgiCommand> commands) {
        return call -> {
            requests.add(call.request());
            CompletionStage<?> chain = CompletableFuture.completedFuture(null);
            for (AgiCommand command : commands) {
                chain = chain.thenCompose(x -> call.channel().send(command));
            }
            // Stay on the line briefly so Asterisk's HANGUP notice after the last reply is seen, not cut off.
            return chain.handle((x, e) -> null).thenCompose(x -> linger(call));
        };
    }

    private static CompletionStage<Object> linger(AgiCall call) {
        CompletableFuture<Object> later = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> later.complete(call.id()));
        return later;
    }

    private static CallRecord simulate(AsteriskRig rig, CallScenario scenario) throws Exception {
        try (SimClient client = new SimClient("127.0.0.1", rig.server().agiPort(), true)) {
            return client.call(scenario.promptDuration(Duration.ofMillis(200))).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> replies(CallRecord record) {
        return record.events().stream().filter(e -> e.direction() == SimEvent.Direction.TO_SERVER)
                .map(e -> normalized(e.text())).toList();
    }

    /**
     * Asterisk's own record of what it sent on this channel ({@code agi set debug on}), environment aside,
     * up to the end of the session (it logs one more HANGUP after the server has closed the socket).
     */
    static List<String> repliesInAsteriskLog(AsteriskRig rig, String channel) {
        String marker = "<" + channel + ">AGI Tx >> ";
        String end = "<" + channel + ">AGI Script ";
        return rig.asteriskLogSinceTestStart().stream().takeWhile(line -> !line.contains(end))
                .filter(line -> line.contains(marker))
                .map(line -> line.substring(line.indexOf(marker) + marker.length()))
                .filter(text -> !text.startsWith("agi_") && !text.isBlank())
                .map(SimulatorMatchesAsteriskTest::normalized).toList();
    }

    private static String normalized(String reply) {
        return reply.strip().replaceAll("endpos=\\d+", "endpos=N");
    }

    private static void assertSameEnvironment(AgiRequest real, AgiRequest sim) {
        assertThat(sim.variables().keySet()).isEqualTo(real.variables().keySet());
        Map<String, String> realStable = new java.util.TreeMap<>(real.variables());
        Map<String, String> simStable = new java.util.TreeMap<>(sim.variables());
        realStable.keySet().retainAll(STABLE);
        simStable.keySet().retainAll(STABLE);
        assertThat(simStable).isEqualTo(realStable);
        assertThat(sim.channel()).matches("Local/caller@test-caller-[0-9a-f]+;1");
        assertThat(real.channel()).matches("Local/caller@test-caller-[0-9a-f]{8};1");
    }

    private static void awaitCommand(TestCall call, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (call.agiCommandsSoFar().stream().noneMatch(command -> command.startsWith(prefix))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the IVR never sent " + prefix + "; it sent " + call.agiCommandsSoFar());
            }
            Thread.sleep(20);
        }
        Thread.sleep(300);
    }
}
