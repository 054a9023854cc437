package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.hotline.ivr.audio.AudioMetrics;
import org.hotline.ivr.audio.AudioSocketServer;
import org.hotline.ivr.audio.AudioStreams;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.speech.Descriptions;
import org.hotline.ivr.speech.Recognizers;
import org.hotline.ivr.speech.RecordingStore;
import org.hotline.ivr.speech.SpeechMetrics;
import org.hotline.ivr.speech.SpeechModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 12345 flow with the speech part wired as a server node has it (AudioSocket server, Descriptions), on a
 * node without models: the caller's description is recorded and the seat is told there is no transcript.
 */
class SpeechWiringTest {

    @TempDir
    Path temp;
    NettyTransport transport = new NettyTransport(2);
    ExecutorService io = Executors.newFixedThreadPool(2);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    SpeechModels models;
    Recognizers recognizers;
    AudioSocketServer audioServer;
    FlowBench bench;

    @BeforeEach
    void start() throws Exception {
        IvrConfig.Audio defaults = ConfigLoader.defaultsOnly().audio().withPort(0).withRecordings(temp.resolve("rec"));
        models = SpeechModels.start(temp.resolve("models"));
        recognizers = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()));
        AudioStreams streams = new AudioStreams();
        audioServer = AudioSocketServer.start(defaults, transport, streams, new AudioMetrics(new SimpleMeterRegistry()));
        IvrConfig.Audio audio = defaults.withPort(audioServer.port());
        Descriptions descriptions = new Descriptions(streams, recognizers,
                new RecordingStore(audio.recordings(), audio.retention(), Clock.systemUTC()), null, io, timer,
                Duration.ofSeconds(2));
        bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> StandInServices
                .of(redis, audio.advertiseHost(), audio.port())
                .withDescriptions(new SpeechDescriptionCapture(descriptions, audio))
                .withSpeech(new SpeechMenuAnswers(descriptions, models, audio)));
    }

    @AfterEach
    void stop() {
        bench.close();
        audioServer.close();
        transport.close();
        recognizers.close();
        models.close();
        io.shutdown();
        timer.shutdown();
    }

    @Test
    void aDescriptionIsRecordedAndTheJourneySaysWhyThereIsNoTranscript() throws Exception {
        Path speech = Wavs.tone(temp, 1.5);
        CallRecord record = bench.call(CallScenario.of("speech", "12345", "13800138000")
                .press("1").press("1").press("1").say(speech).pause(Duration.ZERO));

        JourneyStore.Journey journey = bench.journey(record);
        var describe = journey.steps().stream().filter(s -> s.get("node").equals("describe-problem")).findFirst().orElseThrow();
        assertThat(describe.get("input")).isEqualTo("(recorded, no transcript (no zh model))");
        assertThat(journey.call().get("outcome")).startsWith("queued:");
        try (var files = Files.walk(temp.resolve("rec"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(record.uniqueId()))
                    .filter(f -> f.toFile().length() > 8000)).hasSize(1);
        }
    }
}
