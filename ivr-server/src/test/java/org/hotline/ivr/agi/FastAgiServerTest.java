package org.hotline.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.VerboseCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FastAGI server over real TCP, with a bare peer playing Asterisk byte for byte. */
class FastAgiServerTest {

    private final BlockingQueue<AgiCall> calls = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private NettyTransport transport;
    private FastAgiServer server;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() throws InterruptedException {
        transport = new NettyTransport(2);
        server = start(config(List.of("127.0.0.1/32", "::1/128"), Duration.ofMinutes(5)));
    }

    private FastAgiServer start(IvrConfig.Agi config) throws InterruptedException {
        registry = new SimpleMeterRegistry();
        AgiScripts scripts = new AgiScripts().register("hold", call -> {
            calls.add(call);
            return release;
        });
        return FastAgiServer.start(config, transport, scripts, new AgiMetrics(registry));
    }

    private static IvrConfig.Agi config(List<String> peers, Duration idle) {
        return new IvrConfig.Agi("127.0.0.1", 0, peers, Duration.ofMillis(700), idle, 8192, 256, Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        release.complete(null);
        server.close();
        transport.close();
    }

    private AgiCall nextCall() throws InterruptedException {
        AgiCall call = calls.poll(5, TimeUnit.SECONDS);
        assertThat(call).as("the script was started").isNotNull();
        return call;
    }

    @Test
    void decodesTheEnvironmentIntoARequestRoutedByScriptName() throws Exception {
        try (RawAgiPeer peer = new RawAgiPeer(server.port())) {
            peer.write("agi_network: yes\nagi_network_script: /hold?lang=zh\nagi_request: agi://127.0.0.1/hold\n"
                    + "agi_channel: Local/caller@test-caller-00000000;1\nagi_uniqueid: 1732520000.7\n"
                    + "agi_callerid: 13800138000\nagi_language: zh\nagi_version: 22.10.1\n"
                    + "agi_arg_1: urgent\nagi_arg_2: 北京 朝阳\nagi_empty: \n\n");
            AgiRequest request = nextCall().request();
            assertThat(request.script()).isEqualTo("hold");
            assertThat(request.arguments()).containsExactly("urgent", "北京 朝阳");
            assertThat(request.uniqueId()).isEqualTo("1732520000.7");
            assertThat(request.channel()).isEqualTo("Local/caller@test-caller-00000000;1");
            assertThat(request.callerId()).isEqualTo("13800138000");
            assertThat(request.asteriskVersion()).isEqualTo("22.10.1");
            assertThat(request.get("empty")).isEmpty();
        }
    }

    @Test
    void commandsAreAsteriskJavasAndRepliesAreParsedHereInUtf8() throws Exception {
        try (RawAgiPeer peer = new RawAgiPeer(server.port()).sendEnvironment("hold", "1.1")) {
            AgiCommandChannel channel = nextCall().channel();
            CompletionStage<AgiReply> answer = channel.send(new AnswerCommand());
            assertThat(peer.readLine()).isEqualTo("ANSWER");
            peer.write("200 result=0\n");
            assertThat(answer.toCompletableFuture().get(5, TimeUnit.SECONDS).getResultCode()).isZero();

            CompletionStage<AgiReply> data = channel.send(new GetDataCommand("menu/main", 3000, 4));
            assertThat(peer.readLine()).isEqualTo("GET DATA \"menu/main\" 3000 4");
            peer.write("200 result=12 (timeout)\n");
            AgiReply reply = data.toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(reply.getResult()).isEqualTo("12");
            assertThat(reply.getExtra()).isEqualTo("timeout");

            CompletionStage<AgiReply> set = channel.send(new SetVariableCommand("DISTRICT", "北京 朝阳"));
            assertThat(peer.readLine()).isEqualTo("SET VARIABLE \"DISTRICT\" \"北京 朝阳\"");
            peer.write("200 result=1\n");
            assertThat(set.toCompletableFuture().get(5, TimeUnit.SECONDS).getResultCode()).isEqualTo(1);
            CompletionStage<AgiReply> get = channel.send(new GetVariableCommand("DISTRICT"));
            assertThat(peer.readLine()).isEqualTo("GET VARIABLE \"DISTRICT\"");
            peer.write("200 result=1 (北京 朝阳)\n");
            assertThat(get.toCompletableFuture().get(5, TimeUnit.SECONDS).getExtra()).isEqualTo("北京 朝阳");
        }
    }

    @Test
    void commandsSentTogetherGoOutOneAtATimeInOrder() throws Exception {
        try (RawAgiPeer peer = new RawAgiPeer(server.port()).sendEnvironment("hold", "1.2")) {
            AgiCommandChannel channel = nextCall().channel();
            CompletionStage<AgiReply> first = channel.send(new StreamFileCommand("a", "#"));
            CompletionStage<AgiReply> second = channel.send(new StreamFileCommand("b", "#"));
            assertThat(peer.readLine()).isEqualTo("STREAM FILE \"a\" \"#\"");
            peer.setTimeoutMillis(300);
            assertThat(peer.closedByServer()).as("nothing more is written before the first reply").isFalse();
            peer.setTimeoutMillis(5000);
            peer.write("200 result=35 endpos=1200\n");
            assertThat(peer.readLine()).isEqualTo("STREAM FILE \"b\" \"#\"");
            peer.write("200 result=0 endpos=8000\n");
            assertThat(first.toCompletableFuture().get(5, TimeUnit.SECONDS).getResultCodeAsChar()).isEqualTo('#');
            assertThat(second.toCompletableFuture().get(5, TimeUnit.SECONDS).getAttribute("endpos")).isEqualTo("8000");
        }
    }

    @Test
    void hangupMidCommandFailsEveryPendingCommandAndClosesWhenTheScriptEnds() throws Exception {
        try (RawAgiPeer peer = new RawAgiPeer(server.port()).sendEnvironment("hold", "1.3")) {
            AgiCommandChannel channel = nextCall().channel();
            CompletionStage<AgiReply> playing = channel.send(new StreamFileCommand("long-prompt", ""));
            CompletionStage<AgiReply> queued = channel.send(new VerboseCommand("after", 1));
            assertThat(peer.readLine()).startsWith("STREAM FILE");
            peer.write("HANGUP\n200 result=-1 endpos=400\n");
            assertHangup(playing);
            assertHangup(queued);
            assertHangup(channel.send(new AnswerCommand()));
            assertThat(channel.hungUp()).isTrue();
            release.complete(null);
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void aScriptStillRunningAfterTheHangupDoesNotHoldAsterisksChannel() throws Exception {
        try (LogCapture log = new LogCapture(AgiSessionHandler.class);
             RawAgiPeer peer = new RawAgiPeer(server.port()).sendEnvironment("hold", "1.5")) {
            nextCall();
            peer.write("HANGUP\n");
            // The "hold" script only ends when the test releases it, which it never does here.
            assertThat(peer.closedByServer()).isTrue();
            assertThat(release).isNotDone();
            assertThat(log.warnings()).singleElement().asString()
                    .contains("script 'hold' still running", "after the caller hung up");
            assertThat(registry.get("ivr_agi_connections_refused").tag("reason", "script_outlived_hangup")
                    .counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void deadChannelReplyIsAHangup() throws Exception {
        try (RawAgiPeer peer = new RawAgiPeer(server.port()).sendEnvironment("hold", "1.4")) {
            AgiCommandChannel channel = nextCall().channel();
            CompletionStage<AgiReply> answer = channel.send(new AnswerCommand());
            peer.readLine();
            peer.write("511 Command Not Permitted on a dead channel or intercept routine\n");
            assertHangup(answer);
        }
    }

    @Test
    void closedSocketFailsTheCommandInFlight() throws Exception {
        CompletionStage<AgiReply> answer;
        try (RawAgiPeer peer = new RawAgiPeer(server.port()).sendEnvironment("hold", "1.5")) {
            answer = nextCall().channel().send(new AnswerCommand());
            peer.readLine();
        }
        assertHangup(answer);
    }

    @Test
    void invalidSyntaxUsageBlockFailsTheCommandWithAsterisksText() throws Exception {
        try (RawAgiPeer peer = new RawAgiPeer(server.port()).sendEnvironment("hold", "1.6")) {
            AgiCommandChannel channel = nextCall().channel();
            CompletionStage<AgiReply> bad = channel.send(new GetDataCommand("x"));
            peer.readLine();
            peer.write("520-Invalid command syntax.  Proper usage follows:\n"
                    + " Usage: GET DATA <file to be streamed> [timeout] [max digits]\n520 End of proper usage.\n");
            assertThatThrownBy(() -> bad.toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AgiCommandException.class)
                    .hasMessageContaining("520");
            CompletionStage<AgiReply> next = channel.send(new AnswerCommand());
            assertThat(peer.readLine()).as("the channel stays usable").isEqualTo("ANSWER");
            peer.write("200 result=0\n");
            assertThat(next.toCompletableFuture().get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
    }

    @Test
    void unknownScriptIsClosedSoTheDialplanContinues() throws Exception {
        try (LogCapture log = new LogCapture(AgiSessionHandler.class);
             RawAgiPeer peer = new RawAgiPeer(server.port()).sendEnvironment("no-such-flow", "1.7")) {
            assertThat(peer.closedByServer()).isTrue();
            assertThat(log.warnings()).anyMatch(line -> line.contains("no script named 'no-such-flow'"));
        }
    }

    @Test
    void idleConnectionWithNoCommandInFlightIsClosedButAWaitingCommandIsNot() throws Exception {
        server.close();
        server = start(config(List.of("127.0.0.1/32"), Duration.ofMillis(300)));
        try (RawAgiPeer waiting = new RawAgiPeer(server.port()).sendEnvironment("hold", "2.1")) {
            CompletionStage<AgiReply> dial = nextCall().channel().send(new AnswerCommand());
            waiting.readLine();
            waiting.setTimeoutMillis(1200);
            assertThat(waiting.closedByServer()).as("a command in flight is Asterisk's time, not idleness").isFalse();
            waiting.write("200 result=0\n");
            dial.toCompletableFuture().get(5, TimeUnit.SECONDS);
            waiting.setTimeoutMillis(5000);
            assertThat(waiting.closedByServer()).as("idle with nothing in flight").isTrue();
        }
        assertThat(registry.counter("ivr_agi_connections_refused", "reason", "idle").count()).isEqualTo(1.0);
    }

    static void assertHangup(CompletionStage<AgiReply> stage) {
        assertThatThrownBy(() -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AgiHangupException.class);
    }

    int port() {
        return server.port();
    }
}
