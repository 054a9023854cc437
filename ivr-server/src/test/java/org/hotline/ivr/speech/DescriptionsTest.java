package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.AudioMetrics;
import org.hotline.ivr.audio.AudioSocketClient;
import org.hotline.ivr.audio.AudioSocketServer;
import org.hotline.ivr.audio.AudioStreams;
import org.hotline.ivr.audio.Pcm;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.audio.WavRecorder;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptions over real TCP streams, on a node without any model: the caller's words are recorded all the same. */
class DescriptionsTest {

    private static final int RATE = 8000;

    @TempDir
    Path temp;

    private final NettyTransport transport = new NettyTransport(2);
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final IvrConfig.Audio audioConfig = ConfigLoader.defaultsOnly().audio().withPort(0);
    private SpeechModels models;
    private Recognizers recognizers;
    private AudioSocketServer server;
    private Descriptions descriptions;
    private AudioStreams streams;
    private RecordingStore store;

    @BeforeEach
    void start() throws Exception {
        models = SpeechModels.start(temp.resolve("models"));
        recognizers = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()));
        streams = new AudioStreams();
        IvrConfig.Audio config = audioConfig.withRecordings(temp.resolve("recordings"));
        server = AudioSocketServer.start(config.withBind("127.0.0.1", List.of("127.0.0.1/32")).withPort(0),
                transport, streams, new AudioMetrics(new SimpleMeterRegistry()));
        store = new RecordingStore(config.recordings(), config.retention(), Clock.systemUTC());
        descriptions = new Descriptions(streams, recognizers, store, null, io, timer, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        server.close();
        transport.close();
        recognizers.close();
        models.close();
        io.shutdown();
        timer.shutdown();
    }

    private DescribeOptions describe(String language) {
        return DescribeOptions.describe("call-" + UUID.randomUUID(), language, audioConfig);
    }

    @Test
    void aCallerWhoFallsSilentEndsTheDescriptionAndTheRecordingHoldsWhatTheySaid() throws Exception {
        WavAudio speech = SpeechSamples.load("en-01.wav");
        short[] audio = SpeechSamples.padded(speech.samples(), RATE, 500, 3000);
        UUID uuid = UUID.randomUUID();
        CompletableFuture<DescriptionResult> result = descriptions.expect(uuid, describe("en")).toCompletableFuture();
        try (AudioSocketClient client = new AudioSocketClient(server.port())) {
            client.uuid(uuid);
            client.stream(audio, RATE);
            assertThat(client.closedByServer()).isTrue();
        }
        DescriptionResult done = result.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.END_OF_SPEECH);
        long trueEnd = 500 + Math.round(speech.seconds() * 1000);
        long endSilence = audioConfig.describeEndSilence().toMillis();
        assertThat(done.audioMillis() - trueEnd).isBetween(endSilence - 30, endSilence + 300);
        short[] recorded = WavReader.read(done.recording()).samples();
        assertThat(recorded.length).isEqualTo((int) (done.audioMillis() * RATE / 1000));
        assertThat(recorded).isEqualTo(Arrays.copyOf(audio, recorded.length));
        assertThat(done.hasTranscript()).isFalse();
        assertThat(done.text()).isEqualTo("recorded, no transcript (no en model)");
        assertThat(done.recording().getFileName().toString()).isEqualTo(done.callId() + "-" + uuid + ".wav");
    }

    @Test
    void aCallerWhoseLineDropsMidSentenceLosesNothing() throws Exception {
        WavAudio speech = SpeechSamples.load("zh-01.wav");
        short[] cut = SpeechSamples.padded(Arrays.copyOf(speech.samples(), speech.samples().length / 2), RATE, 300, 0);
        UUID uuid = UUID.randomUUID();
        CompletableFuture<DescriptionResult> result = descriptions.expect(uuid, describe("zh")).toCompletableFuture();
        int sent;
        try (AudioSocketClient client = new AudioSocketClient(server.port())) {
            client.uuid(uuid);
            sent = client.stream(cut, RATE);
        }
        DescriptionResult done = result.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.HANGUP);
        assertThat(WavReader.read(done.recording()).samples()).isEqualTo(Arrays.copyOf(cut, sent));
        assertThat(done.text()).isEqualTo("recorded, no transcript (no zh model)");
    }

    @Test
    void aHangupFrameEndsTheDescriptionWithEverythingRecorded() throws Exception {
        short[] speech = SpeechSamples.load("en-02.wav").samples();
        UUID uuid = UUID.randomUUID();
        CompletableFuture<DescriptionResult> result = descriptions.expect(uuid, describe("en")).toCompletableFuture();
        try (AudioSocketClient client = new AudioSocketClient(server.port())) {
            client.uuid(uuid);
            int sent = client.stream(Arrays.copyOf(speech, RATE), RATE);
            client.hangup();
            DescriptionResult done = result.get(30, TimeUnit.SECONDS);
            assertThat(done.reason()).isEqualTo(EndReason.HANGUP);
            assertThat(WavReader.read(done.recording()).samples()).hasSize(sent);
        }
    }

    @Test
    void hashEndsTheDescription() throws Exception {
        UUID uuid = UUID.randomUUID();
        CompletableFuture<DescriptionResult> result = descriptions.expect(uuid, describe("en")).toCompletableFuture();
        try (AudioSocketClient client = new AudioSocketClient(server.port())) {
            client.uuid(uuid);
            client.stream(SpeechSamples.load("en-03.wav").samples(), RATE);
            client.dtmf('#');
            assertThat(client.closedByServer()).isTrue();
        }
        DescriptionResult done = result.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.DTMF);
        assertThat(done.digits()).isEqualTo("#");
    }

    @Test
    void aDescriptionStopsAtItsMaximumLength() throws Exception {
        short[] talk = SpeechSamples.load("zh-06.wav").samples();
        DescribeOptions options = new DescribeOptions("call-max", "zh", Duration.ofSeconds(2), Duration.ofMillis(250),
                Duration.ofSeconds(5), List.of(), 0);
        UUID uuid = UUID.randomUUID();
        CompletableFuture<DescriptionResult> result = descriptions.expect(uuid, options).toCompletableFuture();
        try (AudioSocketClient client = new AudioSocketClient(server.port())) {
            client.uuid(uuid);
            client.stream(talk, RATE);
        }
        DescriptionResult done = result.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.MAX_LENGTH);
        assertThat(done.audioMillis()).isEqualTo(2000);
        assertThat(WavReader.read(done.recording()).samples()).hasSize(2 * RATE);
    }

    @Test
    void tenSecondsBeforeTheLimitTheCallerHearsTheFinishPromptWhileStillRecorded() throws Exception {
        Path prompt = temp.resolve("describe-finish.wav");
        short[] tone = new short[RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        try (WavRecorder wav = WavRecorder.create(prompt, RATE)) {
            wav.write(Pcm.toBytes(tone));
        }
        short[] talk = concat(SpeechSamples.load("zh-06.wav").samples(), SpeechSamples.load("zh-01.wav").samples());
        DescribeOptions options = describe("zh").withLimits(Duration.ofSeconds(12), null).withFinishPrompt(prompt);
        UUID uuid = UUID.randomUUID();
        CompletableFuture<DescriptionResult> result = descriptions.expect(uuid, options).toCompletableFuture();
        java.io.ByteArrayOutputStream heard = new java.io.ByteArrayOutputStream();
        try (AudioSocketClient client = new AudioSocketClient(server.port())) {
            client.uuid(uuid);
            CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        heard.write(client.read().payload());
                    }
                } catch (java.io.IOException closedAtTheLimit) {
                    // the server ends the stream at the limit
                }
            });
            client.stream(talk, RATE);
            listening.get(30, TimeUnit.SECONDS);
        }
        DescriptionResult done = result.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.MAX_LENGTH);
        assertThat(Pcm.toSamples(heard.toByteArray())).as("the prompt, whole, back over the socket").isEqualTo(tone);
        assertThat(WavReader.read(done.recording()).samples()).as("recorded while it played")
                .isEqualTo(Arrays.copyOf(talk, 12 * RATE));
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aCallerWhoSaysNothingOverLineNoiseEndsAsNoSpeech() throws Exception {
        DescribeOptions options = new DescribeOptions("call-quiet", "en", Duration.ofSeconds(30), Duration.ofMillis(250),
                Duration.ofSeconds(2), List.of(), 0);
        UUID uuid = UUID.randomUUID();
        CompletableFuture<DescriptionResult> result = descriptions.expect(uuid, options).toCompletableFuture();
        try (AudioSocketClient client = new AudioSocketClient(server.port())) {
            client.uuid(uuid);
            client.stream(SpeechSamples.withNoise(new short[RATE * 4], -40, 3), RATE);
        }
        DescriptionResult done = result.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.NO_SPEECH);
        assertThat(done.audioMillis()).isEqualTo(2000);
        assertThat(done.speechStartMillis()).isEqualTo(-1);
    }

    @Test
    void aStreamAsteriskNeverConnectsEndsAfterTheConnectTimeoutAndIsThenRefused() throws Exception {
        UUID uuid = UUID.randomUUID();
        Descriptions impatient = new Descriptions(streams, recognizers, store, null, io, timer, Duration.ofMillis(300));
        DescriptionResult done = impatient.expect(uuid, describe("en")).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.NOT_CONNECTED);
        assertThat(done.recording()).isNull();
        try (AudioSocketClient late = new AudioSocketClient(server.port())) {
            late.uuid(uuid);
            assertThat(late.closedByServer()).isTrue();
        }
    }

    @Test
    void aSpokenMenuWithoutAModelEndsOnTheFirstKeySoTheFlowCanUseDtmf() throws Exception {
        DescribeOptions menu = DescribeOptions.menu("call-menu", "ja", List.of("はい", "いいえ"), audioConfig, 0.6);
        UUID uuid = UUID.randomUUID();
        CompletableFuture<DescriptionResult> result = descriptions.expect(uuid, menu).toCompletableFuture();
        try (AudioSocketClient client = new AudioSocketClient(server.port())) {
            client.uuid(uuid);
            client.stream(new short[RATE / 2], RATE);
            client.dtmf('2');
            assertThat(client.closedByServer()).isTrue();
        }
        DescriptionResult done = result.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.DTMF);
        assertThat(done.digits()).isEqualTo("2");
        assertThat(done.answer()).isNull();
        assertThat(done.text()).isEqualTo("recorded, no transcript (no ja model)");
    }

    @Test
    void manyConcurrentDescriptionsEachKeepTheirOwnAudio() throws Exception {
        List<Path> samples = SpeechSamples.all();
        List<UUID> uuids = new ArrayList<>();
        List<short[]> sent = new ArrayList<>();
        List<CompletableFuture<DescriptionResult>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            UUID uuid = UUID.randomUUID();
            uuids.add(uuid);
            results.add(descriptions.expect(uuid, describe("en")).toCompletableFuture());
            sent.add(SpeechSamples.padded(SpeechSamples.read(samples.get(i % samples.size())).samples(), RATE, 200, 2500));
        }
        List<AudioSocketClient> clients = new ArrayList<>();
        for (UUID uuid : uuids) {
            clients.add(new AudioSocketClient(server.port()).uuid(uuid));
        }
        int frame = RATE / 50;
        int longest = sent.stream().mapToInt(a -> a.length).max().orElseThrow();
        for (int offset = 0; offset + frame <= longest; offset += frame) {
            for (int i = 0; i < clients.size(); i++) {
                if (offset + frame <= sent.get(i).length && !results.get(i).isDone()) {
                    try {
                        clients.get(i).audio(Arrays.copyOfRange(sent.get(i), offset, offset + frame));
                    } catch (java.io.IOException closedAtEndOfSpeech) {
                        // the server ended this one
                    }
                }
            }
        }
        for (int i = 0; i < clients.size(); i++) {
            DescriptionResult done = results.get(i).get(30, TimeUnit.SECONDS);
            clients.get(i).close();
            assertThat(done.reason()).isEqualTo(EndReason.END_OF_SPEECH);
            short[] recorded = WavReader.read(done.recording()).samples();
            assertThat(recorded).isEqualTo(Arrays.copyOf(sent.get(i), recorded.length));
        }
        assertThat(Files.list(temp.resolve("recordings")).findFirst().map(Files::isDirectory)).contains(true);
    }
}
