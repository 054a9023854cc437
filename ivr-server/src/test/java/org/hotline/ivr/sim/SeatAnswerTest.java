package org.hotline.ivr.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiRequest;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.junit.jupiter.api.Test;

/**
 * The simulator answers a seat's Dial as the shipped dialplan makes Asterisk do: {@code U(ivr-queue-answered^...)}
 * runs the {@code queue-answered} AGI script with the call, seat and queue as arguments the moment the seat
 * picks up, and Dial returns (DIALSTATUS=ANSWER) only after the conversation.
 */
class SeatAnswerTest {

    @Test
    void anAnsweredDialRunsTheAnswerScriptWithItsArgumentsBeforeDialReturns() throws Exception {
        CompletableFuture<AgiRequest> answered = new CompletableFuture<>();
        CompletableFuture<String> dialStatus = new CompletableFuture<>();
        CompletableFuture<Boolean> answeredBeforeDialReturned = new CompletableFuture<>();
        AgiScripts scripts = new AgiScripts()
                .register("queue-answered", call -> {
                    answered.complete(call.request());
                    return CompletableFuture.completedFuture(null);
                })
                .register("dial-seat", call -> call.channel()
                        .send(new ExecCommand("Dial", "Local/1001@test-seat", "20", "U(ivr-queue-answered^call-7^1001^zh-general)"))
                        .thenCompose(reply -> {
                            answeredBeforeDialReturned.complete(answered.isDone());
                            return call.channel().send(new GetVariableCommand("DIALSTATUS"));
                        })
                        .thenAccept(reply -> dialStatus.complete(reply.getExtra())));
        try (NettyTransport transport = new NettyTransport(2);
             FastAgiServer server = FastAgiServer.start(new IvrConfig.Agi("127.0.0.1", 0, List.of("127.0.0.1/32"),
                     Duration.ofSeconds(5), Duration.ofMinutes(1), 8192, 256, Duration.ofSeconds(1)), transport, scripts,
                     new AgiMetrics(new SimpleMeterRegistry()));
             SimClient sim = new SimClient("127.0.0.1", server.port(), true)) {
            CallRecord record = sim.call(CallScenario.of("seat", "dial-seat", "13800138000").talk(Duration.ofMillis(300)))
                    .get(30, TimeUnit.SECONDS);

            AgiRequest request = answered.get(10, TimeUnit.SECONDS);
            assertThat(request.script()).isEqualTo("queue-answered");
            assertThat(request.arguments()).containsExactly("call-7", "1001", "zh-general");
            assertThat(answeredBeforeDialReturned.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(dialStatus.get(10, TimeUnit.SECONDS)).isEqualTo("ANSWER");
            assertThat(record.events()).anySatisfy(event -> assertThat(event.text()).startsWith("seat answers: runs queue-answered"));
        }
    }

    @Test
    void aDialTheScenarioRefusesRunsNoAnswerScript() throws Exception {
        CompletableFuture<AgiRequest> answered = new CompletableFuture<>();
        CompletableFuture<String> dialStatus = new CompletableFuture<>();
        AgiScripts scripts = new AgiScripts()
                .register("queue-answered", call -> {
                    answered.complete(call.request());
                    return CompletableFuture.completedFuture(null);
                })
                .register("dial-seat", call -> call.channel()
                        .send(new ExecCommand("Dial", "Local/1001@test-seat", "20", "U(ivr-queue-answered^call-8^1001^zh-general)"))
                        .thenCompose(reply -> call.channel().send(new GetVariableCommand("DIALSTATUS")))
                        .thenAccept(reply -> dialStatus.complete(reply.getExtra())));
        try (NettyTransport transport = new NettyTransport(2);
             FastAgiServer server = FastAgiServer.start(new IvrConfig.Agi("127.0.0.1", 0, List.of("127.0.0.1/32"),
                     Duration.ofSeconds(5), Duration.ofMinutes(1), 8192, 256, Duration.ofSeconds(1)), transport, scripts,
                     new AgiMetrics(new SimpleMeterRegistry()));
             SimClient sim = new SimClient("127.0.0.1", server.port(), true)) {
            sim.call(CallScenario.of("busy", "dial-seat", "13800138000").variable("DIALSTATUS", "NOANSWER"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(dialStatus.get(10, TimeUnit.SECONDS)).isEqualTo("NOANSWER");
            assertThat(answered).isNotDone();
        }
    }
}
