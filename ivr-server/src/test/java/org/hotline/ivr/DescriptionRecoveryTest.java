package org.hotline.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.audio.WavRecorder;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.PendingDrafts;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.speech.RecordingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose last process died (kill -9) while a caller was describing: what that process left on disk, the
 * call's facts written before the audio and a recording whose header lags its audio, is exactly what the real
 * classes write; the restarted node makes the caller's draft (category from the menu path) before it takes a
 * call, with the recording repaired. (The same through a real kill -9 and Asterisk: the e2e crash tests.)
 */
class DescriptionRecoveryTest {

    @TempDir
    Path data;

    @Test
    void aCallerDescribingWhenTheNodeDiedGetsADraftWithAValidRecordingAtRestart() throws Exception {
        IvrConfig config = config();
        String callId = "1767000000.42";
        RecordingStore recordings = new RecordingStore(config.audio().recordings(), Duration.ofDays(30), Clock.systemUTC());
        Path wav = recordings.newFile(callId, UUID.randomUUID());
        // The dead process: facts first, then 1.5 s of audio, the header last updated at 1 s, a torn frame at the end.
        try (PendingDrafts pending = new PendingDrafts(config.calls().spool(), config.nodeId())) {
            pending.started(new CallFacts(callId, "13800138040", "zh",
                    List.of("welcome", "choose-language:1", "main-menu:1", "report-type:1", "mark-complaint",
                            "describe-problem"), "", wav.toString(), Instant.now()));
        }
        WavRecorder recorder = WavRecorder.create(wav, 8000);
        for (int i = 0; i < 75; i++) {
            recorder.write(new byte[320]);
        }
        Files.write(wav, new byte[100], StandardOpenOption.APPEND);

        try (IvrServer server = IvrServer.start(config)) {
            String orderId = server.redis().call("order of call",
                    jedis -> jedis.get(OrderSettings.defaults().keys().byCall(callId)));
            DraftOrder order = server.orders().store().get(orderId).orElseThrow();
            assertThat(order.callerNumber()).isEqualTo("13800138040");
            assertThat(order.menuPath()).contains("report-type:1", "describe-problem");
            assertThat(order.recordingPath()).isEqualTo(wav.toString());
            WavAudio audio = WavReader.read(wav);
            assertThat(audio.seconds()).isEqualTo(1.5);
            assertThat(Files.size(wav)).isEqualTo(44 + 75 * 320);
            try (var left = Files.list(config.calls().spool())) {
                assertThat(left.filter(Files::isDirectory).flatMap(DescriptionRecoveryTest::list)).isEmpty();
            }
        }
    }

    private IvrConfig config() {
        IvrConfig defaults = new ConfigLoader(Map.of("IVR_HOME", "..")).load(null).withPorts(0, 0, 0);
        IvrConfig onDisk = defaults.withRedis(new IvrConfig.Redis("", data.resolve("redis"), Duration.ofMillis(500)))
                .withCalls(defaults.calls().withSpool(data.resolve("spool")));
        return new IvrConfig(onDisk.nodeId(), onDisk.agi(), onDisk.audio().withRecordings(data.resolve("recordings")),
                onDisk.http(), onDisk.console(), onDisk.ami(), onDisk.redis(), onDisk.speech(), onDisk.paths(),
                onDisk.calls(), onDisk.logFormat());
    }

    private static java.util.stream.Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
