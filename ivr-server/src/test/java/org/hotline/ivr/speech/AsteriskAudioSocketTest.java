package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.audio.AudioMetrics;
import org.hotline.ivr.audio.AudioSocketServer;
import org.hotline.ivr.audio.AudioStreams;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Asterisk 22 calls in over FastAGI, the script issues {@code EXEC AudioSocket}, and Asterisk's
 * own AudioSocket application streams the caller (a WAV played by the dialplan) to our server.
 */
class AsteriskAudioSocketTest {

    @TempDir
    Path temp;

    private final NettyTransport transport = new NettyTransport(2);
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CompletableFuture<DescriptionResult> described = new CompletableFuture<>();
    private final IvrConfig config = ConfigLoader.defaultsOnly().withPorts(0, 0, 0);
    private SpeechModels models;
    private Recognizers recognizers;
    private AudioSocketServer audioServer;
    private FastAgiServer agiServer;
    private RealAsterisk asterisk;

    @BeforeEach
    void start() throws Exception {
        models = SpeechModels.start(temp.resolve("models"));
        recognizers = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()));
        AudioStreams streams = new AudioStreams();
        audioServer = AudioSocketServer.start(config.audio(), transport, streams, new AudioMetrics(new SimpleMeterRegistry()));
        RecordingStore store = new RecordingStore(temp.resolve("recordings"), Duration.ofDays(1), Clock.systemUTC());
        Descriptions descriptions = new Descriptions(streams, recognizers, store, null, io, timer, Duration.ofSeconds(5));
        AgiScripts scripts = new AgiScripts().register("12345", call -> {
            UUID uuid = UUID.randomUUID();
            var result = descriptions.expect(uuid, DescribeOptions.describe(call.id(), "en", config.audio()));
            return call.channel().send(new ExecCommand("AudioSocket", uuid + ",127.0.0.1:" + audioServer.port()))
                    .thenCompose(reply -> result)
                    .thenAccept(described::complete);
        });
        agiServer = FastAgiServer.start(config.agi(), transport, scripts, new AgiMetrics(new SimpleMeterRegistry()));
        asterisk = RealAsterisk.start(temp.resolve("asterisk"), agiServer.port());
    }

    @AfterEach
    void stop() throws Exception {
        if (asterisk != null) {
            asterisk.close();
        }
        agiServer.close();
        audioServer.close();
        transport.close();
        recognizers.close();
        models.close();
        io.shutdown();
        timer.shutdown();
    }

    @Test
    void aCallerDescribingTheProblemIsRecordedUntilTheyFallSilent() throws Exception {
        WavAudio speech = SpeechSamples.load("en-05.wav");
        Files.copy(SpeechSamples.folder().resolve("en-05.wav"), temp.resolve("utterance.wav"));
        asterisk.call(List.of("SAY=" + temp.resolve("utterance"), "WAIT=1", "HOLD=10"));
        DescriptionResult done = described.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.END_OF_SPEECH);
        long spoken = done.speechEndMillis() - done.speechStartMillis();
        assertThat(spoken).isBetween(Math.round(speech.seconds() * 1000) - 300, Math.round(speech.seconds() * 1000) + 300);
        WavAudio recorded = WavReader.read(done.recording());
        assertThat(recorded.sampleRate()).isEqualTo(8000);
        assertThat(recorded.seconds()).isGreaterThan(speech.seconds());
        assertThat(done.text()).isEqualTo("recorded, no transcript (no en model)");
    }

    @Test
    void aCallerPressingHashEndsTheDescriptionThroughAsterisksDtmfFrames() throws Exception {
        asterisk.call(List.of("DIGITS=#", "WAIT=1", "HOLD=10"));
        DescriptionResult done = described.get(30, TimeUnit.SECONDS);
        assertThat(done.reason()).isEqualTo(EndReason.DTMF);
        assertThat(done.digits()).isEqualTo("#");
    }
}
