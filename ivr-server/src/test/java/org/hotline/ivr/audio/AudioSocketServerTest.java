package org.hotline.ivr.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AudioSocketServerTest {

    private final NettyTransport transport = new NettyTransport(2);
    private final AudioStreams streams = new AudioStreams();
    private final AudioMetrics metrics = new AudioMetrics(new SimpleMeterRegistry());
    private AudioSocketServer server;

    private int start(List<String> allowedPeers) throws Exception {
        return start(allowedPeers, IvrConfig.Audio.DEFAULT_MAX_CONNECTIONS);
    }

    private int start(List<String> allowedPeers, int maxConnections) throws Exception {
        IvrConfig.Audio defaults = ConfigLoader.defaultsOnly().audio();
        IvrConfig.Audio config = defaults.withBind("127.0.0.1", allowedPeers).withPort(0)
                .withIdleTimeout(Duration.ofSeconds(3)).withMaxConnections(maxConnections);
        server = AudioSocketServer.start(config, transport, streams, metrics);
        return server.port();
    }

    private int start() throws Exception {
        return start(List.of("127.0.0.1/32"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        transport.close();
    }

    @Test
    void streamIsMatchedByItsUuidAndDeliversAudioDigitsAndHangupInOrder() throws Exception {
        int port = start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        short[] frame = Spectrum.sine(440, 8000, 8000, 160);
        try (AudioSocketClient client = new AudioSocketClient(port)) {
            client.uuid(uuid).audio(frame).audio(frame).dtmf('5').dtmf('#').hangup();
            assertThat(listener.opened.get(30, TimeUnit.SECONDS).uuid()).isEqualTo(uuid);
            assertThat(listener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.HANGUP);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(listener.audio.toByteArray()).hasSize(640);
        assertThat(Pcm.toSamples(listener.audio.toByteArray())).startsWith(frame);
        assertThat(listener.sampleRate).isEqualTo(8000);
        assertThat(listener.digits.toString()).isEqualTo("5#");
        assertThat(streams.waiting()).isZero();
    }

    @Test
    void framesSplitAcrossTcpSegmentsAreReassembled() throws Exception {
        int port = start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {0x01, 0x00, 0x10});
        bytes.writeBytes(AudioSocketFrame.uuid(uuid).payload());
        bytes.writeBytes(new byte[] {0x10, 0x01, 0x40});
        bytes.writeBytes(new byte[320]);
        try (AudioSocketClient client = new AudioSocketClient(port)) {
            for (byte b : bytes.toByteArray()) {
                client.raw(new byte[] {b});
            }
            listener.opened.get(30, TimeUnit.SECONDS);
            client.hangup();
            listener.awaitEnd();
        }
        assertThat(listener.audioBytes()).isEqualTo(320);
    }

    @Test
    void closingFromTheServerEndsTheStreamAsAsteriskExpects() throws Exception {
        int port = start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        try (AudioSocketClient client = new AudioSocketClient(port)) {
            client.uuid(uuid);
            AudioStreamControl control = listener.opened.get(30, TimeUnit.SECONDS);
            control.send(AudioSocketFrame.audio(AudioSocketKind.SLIN_8K, new byte[320]));
            AudioSocketFrame echoed = client.read();
            assertThat(echoed.kind()).isEqualTo(AudioSocketKind.SLIN_8K);
            assertThat(echoed.payload()).hasSize(320);
            control.close();
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(listener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.CLOSED_BY_SERVER);
    }

    /**
     * Asterisk goes on sending audio until it sees our end of the stream. A plain close with bytes unread (or
     * arriving later) resets the connection, which Asterisk 22 logs as an ERROR; our end must be a FIN that
     * lets whatever Asterisk still sends arrive, then the socket closes once Asterisk closes its side.
     */
    @Test
    void closingFromTheServerWhileAsteriskStillSendsIsAnOrderlyEndNotAReset() throws Exception {
        int port = start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        short[] frame = Spectrum.sine(440, 8000, 8000, 160);
        try (AudioSocketClient client = new AudioSocketClient(port)) {
            client.uuid(uuid).audio(frame);
            AudioStreamControl control = listener.opened.get(30, TimeUnit.SECONDS);
            control.close();
            for (int i = 0; i < 2000; i++) {
                client.audio(frame); // a reset would make these writes fail
            }
            assertThat(client.readsEndOfStream()).as("the server's end is a FIN, not a reset").isTrue();
        }
        assertThat(listener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.CLOSED_BY_SERVER);
    }

    @Test
    void higherRatesFromTheChannelDriverArriveWithTheirRate() throws Exception {
        int port = start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        try (AudioSocketClient client = new AudioSocketClient(port)) {
            client.uuid(uuid).frame(0x12, new byte[640]).hangup();
            listener.awaitEnd();
        }
        assertThat(listener.sampleRate).isEqualTo(16000);
        assertThat(listener.audioBytes()).isEqualTo(640);
    }

    @Test
    void unknownKindClosesThatStreamOnlyWithOneLogLine() throws Exception {
        int port = start();
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        RecordingListener goodListener = new RecordingListener();
        RecordingListener badListener = new RecordingListener();
        streams.expect(good, goodListener);
        streams.expect(bad, badListener);
        try (LogCapture log = new LogCapture(AudioSocketHandler.class);
             AudioSocketClient goodClient = new AudioSocketClient(port);
             AudioSocketClient badClient = new AudioSocketClient(port)) {
            goodClient.uuid(good).audio(new short[160]);
            badClient.uuid(bad).frame(0x42, new byte[4]);
            assertThat(badClient.closedByServer()).isTrue();
            assertThat(badListener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.PROTOCOL_ERROR);
            goodClient.audio(new short[160]).hangup();
            assertThat(goodListener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.HANGUP);
            assertThat(goodListener.audioBytes()).isEqualTo(640);
            assertThat(log.warnings()).singleElement().asString().contains("unknown frame kind 0x42").contains(bad.toString());
        }
    }

    @Test
    void oddLengthAudioIsRefused() throws Exception {
        assertRefused(client -> client.frame(0x10, new byte[321]), "odd-length audio frame (321 bytes)");
    }

    @Test
    void oversizedAudioIsRefused() throws Exception {
        assertRefused(client -> client.frame(0x10, new byte[8000]), "exceeds 100 ms (1600 bytes)");
    }

    @Test
    void aUuidThatIsNot16BytesIsRefused() throws Exception {
        assertRefusedBeforeUuid(client -> client.frame(0x01, new byte[15]), "uuid frame of 15 bytes");
    }

    @Test
    void audioBeforeTheUuidIsRefused() throws Exception {
        assertRefusedBeforeUuid(client -> client.audio(new short[160]), "SLIN_8K frame before the uuid frame");
    }

    @Test
    void aUuidNobodyExpectsIsRefused() throws Exception {
        UUID stranger = UUID.randomUUID();
        assertRefusedBeforeUuid(client -> client.uuid(stranger), "uuid " + stranger + " is not expected by this node");
    }

    @Test
    void aUuidIsServedOnlyOnce() throws Exception {
        int port = start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        try (AudioSocketClient first = new AudioSocketClient(port); AudioSocketClient second = new AudioSocketClient(port)) {
            first.uuid(uuid);
            listener.opened.get(30, TimeUnit.SECONDS);
            second.uuid(uuid);
            assertThat(second.closedByServer()).isTrue();
            first.hangup();
        }
        assertThat(listener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.HANGUP);
    }

    @Test
    void streamsBeyondMaxConnectionsAreRefusedAndTheOpenOnesCarryOn() throws Exception {
        int port = start(List.of("127.0.0.1/32"), 2);
        UUID uuid = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        RecordingListener otherListener = new RecordingListener();
        streams.expect(uuid, listener);
        streams.expect(other, otherListener);
        try (LogCapture log = new LogCapture(org.hotline.ivr.ops.ConnectionLimit.class);
             AudioSocketClient call = new AudioSocketClient(port);
             AudioSocketClient otherCall = new AudioSocketClient(port)) {
            // Both streams opened: both are counted (connections land on different event loops, in any order).
            call.uuid(uuid);
            otherCall.uuid(other);
            listener.opened.get(30, TimeUnit.SECONDS);
            otherListener.opened.get(30, TimeUnit.SECONDS);
            try (AudioSocketClient third = new AudioSocketClient(port)) {
                assertThat(third.closedByServer()).isTrue();
            }
            assertThat(log.warnings()).anySatisfy(line -> assertThat(line).contains("AudioSocket connection from 127.0.0.1 refused"));
            call.audio(new short[160]);
            call.hangup();
            otherCall.hangup();
        }
        assertThat(listener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.HANGUP);
        assertThat(otherListener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.HANGUP);
    }

    @Test
    void aPeerNotInTheAllowListIsClosedWithOneLogLine() throws Exception {
        int port = start(List.of("10.0.0.0/8"));
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        try (LogCapture log = new LogCapture(org.hotline.ivr.ops.PeerAllowList.class);
             AudioSocketClient client = new AudioSocketClient(port)) {
            assertThat(client.closedByServer()).isTrue();
            assertThat(log.warnings()).singleElement().asString().contains("AudioSocket connection from 127.0.0.1 refused");
        }
        assertThat(listener.opened).isNotDone();
    }

    @Test
    void aSilentPeerIsClosedAfterTheIdleTimeout() throws Exception {
        int port = start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        try (AudioSocketClient client = new AudioSocketClient(port)) {
            client.uuid(uuid);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(listener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.IDLE);
    }

    interface ClientAction {
        void apply(AudioSocketClient client) throws Exception;
    }

    private void assertRefused(ClientAction badInput, String expectedLog) throws Exception {
        int port = start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        streams.expect(uuid, listener);
        try (LogCapture log = new LogCapture(AudioSocketHandler.class); AudioSocketClient client = new AudioSocketClient(port)) {
            client.uuid(uuid);
            listener.opened.get(30, TimeUnit.SECONDS);
            badInput.apply(client);
            assertThat(client.closedByServer()).isTrue();
            assertThat(listener.awaitEnd().reason()).isEqualTo(StreamEnd.Reason.PROTOCOL_ERROR);
            assertThat(log.warnings()).singleElement().asString().contains(expectedLog).contains(uuid.toString());
        }
    }

    private void assertRefusedBeforeUuid(ClientAction badInput, String expectedLog) throws Exception {
        int port = start();
        try (LogCapture log = new LogCapture(AudioSocketHandler.class); AudioSocketClient client = new AudioSocketClient(port)) {
            badInput.apply(client);
            assertThat(client.closedByServer()).isTrue();
            assertThat(log.warnings()).singleElement().asString().contains(expectedLog);
        }
    }
}
