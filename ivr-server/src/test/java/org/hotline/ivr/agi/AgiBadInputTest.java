package org.hotline.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.ops.PeerAllowList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad input closes only the offending connection, with one clear log line, while a call
 * already in progress on the same server carries on.
 */
class AgiBadInputTest {

    private final BlockingQueue<AgiCall> calls = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private NettyTransport transport;
    private FastAgiServer server;
    private RawAgiPeer goodPeer;
    private AgiCall goodCall;

    @BeforeEach
    void startWithACallInProgress() throws Exception {
        transport = new NettyTransport(2);
        server = start(List.of("127.0.0.1/32"));
        goodPeer = new RawAgiPeer(server.port()).sendEnvironment("hold", "good.1");
        goodCall = calls.poll(5, TimeUnit.SECONDS);
    }

    private FastAgiServer start(List<String> peers) throws InterruptedException {
        return start(peers, IvrConfig.Agi.DEFAULT_MAX_CONNECTIONS);
    }

    private FastAgiServer start(List<String> peers, int maxConnections) throws InterruptedException {
        AgiScripts scripts = new AgiScripts().register("hold", call -> {
            calls.add(call);
            return release;
        });
        IvrConfig.Agi config = new IvrConfig.Agi("127.0.0.1", 0, peers, Duration.ofMillis(700), Duration.ofMinutes(5),
                8192, 256, Duration.ofSeconds(1), maxConnections);
        return FastAgiServer.start(config, transport, scripts, new AgiMetrics(registry));
    }

    @AfterEach
    void stop() throws IOException {
        release.complete(null);
        goodPeer.close();
        server.close();
        transport.close();
    }

    private void assertRefused(byte[] input, String logged) throws Exception {
        try (LogCapture log = new LogCapture(AgiSessionHandler.class);
             RawAgiPeer bad = new RawAgiPeer(server.port())) {
            bad.write(input);
            assertThat(bad.closedByServer()).as("the offending connection is closed").isTrue();
            assertThat(log.warnings()).as("one clear log line").hasSize(1)
                    .first().asString().contains(logged);
        }
        assertGoodCallUnaffected();
    }

    private void assertGoodCallUnaffected() throws Exception {
        CompletableFuture<AgiReply> answer = goodCall.channel().send(new AnswerCommand()).toCompletableFuture();
        assertThat(goodPeer.readLine()).isEqualTo("ANSWER");
        goodPeer.write("200 result=0\n");
        assertThat(answer.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    @Test
    void socketsBeyondMaxConnectionsAreRefusedAndTheCallsInProgressCarryOn() throws Exception {
        try (FastAgiServer capped = start(List.of("127.0.0.1/32"), 2);
             LogCapture log = new LogCapture(org.hotline.ivr.ops.ConnectionLimit.class);
             RawAgiPeer first = new RawAgiPeer(capped.port()).sendEnvironment("hold", "cap.1");
             RawAgiPeer second = new RawAgiPeer(capped.port()).sendEnvironment("hold", "cap.2")) {
            // Both calls started: both sockets are counted (they land on different event loops, in any order).
            AgiCall one = calls.poll(5, TimeUnit.SECONDS);
            AgiCall two = calls.poll(5, TimeUnit.SECONDS);
            assertThat(two).isNotNull();
            AgiCall call = one.request().uniqueId().equals("cap.1") ? one : two;
            try (RawAgiPeer third = new RawAgiPeer(capped.port())) {
                assertThat(third.closedByServer()).as("the third socket is closed at once").isTrue();
            }
            assertThat(log.warnings()).anySatisfy(line -> assertThat(line).contains("FastAGI connection from 127.0.0.1 refused"));
            assertThat(registry.counter("ivr_agi_connections_refused", "reason", "too_many_connections").count())
                    .isEqualTo(1);
            CompletableFuture<AgiReply> answer = call.channel().send(new AnswerCommand()).toCompletableFuture();
            assertThat(first.readLine()).isEqualTo("ANSWER");
            first.write("200 result=0\n");
            assertThat(answer.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
        assertGoodCallUnaffected();
    }

    @Test
    void environmentLineOverEightKibibytes() throws Exception {
        assertRefused(("agi_network_script: hold\nagi_callerid: " + "9".repeat(9000) + "\n").getBytes(),
                "line too long");
    }

    @Test
    void moreThan256Variables() throws Exception {
        StringBuilder env = new StringBuilder("agi_network_script: hold\n");
        for (int i = 0; i < 300; i++) {
            env.append("agi_var_").append(i).append(": x\n");
        }
        assertRefused(env.append('\n').toString().getBytes(), "more than 256 AGI environment variables");
    }

    @Test
    void noBlankLineWithinTheTimeLimit() throws Exception {
        assertRefused("agi_network_script: hold\nagi_uniqueid: 9.9\n".getBytes(),
                "no end of the AGI environment (blank line) within 700 ms");
    }

    @Test
    void binaryGarbage() throws Exception {
        byte[] garbage = new byte[512];
        new java.util.Random(12345).nextBytes(garbage);
        garbage[100] = '\n';
        assertRefused(garbage, "AGI text");
    }

    @Test
    void somethingThatIsNotAnAgiEnvironment() throws Exception {
        assertRefused("GET / HTTP/1.1\r\nHost: ivr\r\n\r\n".getBytes(), "not an AGI environment line: 'GET / HTTP/1.1'");
    }

    @Test
    void garbageWhereAReplyWasExpected() throws Exception {
        try (LogCapture log = new LogCapture(AgiSessionHandler.class);
             RawAgiPeer bad = new RawAgiPeer(server.port()).sendEnvironment("hold", "bad.2")) {
            AgiCall call = calls.poll(5, TimeUnit.SECONDS);
            CompletableFuture<AgiReply> answer = call.channel().send(new AnswerCommand()).toCompletableFuture();
            bad.readLine();
            bad.write("hello there\n");
            assertThat(bad.closedByServer()).isTrue();
            FastAgiServerTest.assertHangup(answer);
            assertThat(log.warnings()).singleElement().asString().contains("not an AGI reply: 'hello there'");
        }
        assertGoodCallUnaffected();
    }

    @Test
    void peerNotInTheAllowList() throws Exception {
        FastAgiServer strict = start(List.of("10.20.0.0/16"));
        try (LogCapture log = new LogCapture(PeerAllowList.class);
             RawAgiPeer stranger = new RawAgiPeer(strict.port())) {
            stranger.sendEnvironment("hold", "stranger.1");
            assertThat(stranger.closedByServer()).isTrue();
            assertThat(log.warnings()).singleElement().asString()
                    .contains("AGI connection from 127.0.0.1 refused: not in allowedPeers");
        } finally {
            strict.close();
        }
        assertThat(registry.counter("ivr_agi_connections_refused", "reason", "peer_not_allowed").count()).isEqualTo(1.0);
        assertGoodCallUnaffected();
    }
}
