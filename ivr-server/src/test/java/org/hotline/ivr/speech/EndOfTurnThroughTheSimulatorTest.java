package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.flow.JourneyStore;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callers who pause, speak slowly and over line noise, through the shipped 12345 flow on a real IvrServer,
 * each played by the simulator's AudioSocket caller as fast as the socket takes it (the server judges the
 * end of turn by audio time, so the verdict is the same as in real time, and is read off the recording).
 */
class EndOfTurnThroughTheSimulatorTest {

    @TempDir
    Path temp;

    @Test
    void pausedSlowAndNoisyCallersInEveryLanguageAreRecordedToTheirLastWordAndNoLonger() throws Exception {
        List<SpeechVariants.Utterance> utterances = PausedSpeech.make(temp, 8, 600, 4000);
        IvrConfig defaults = new ConfigLoader(Map.of("IVR_HOME", "..")).load(null).withPorts(0, 0, 0);
        IvrConfig config = defaults.withAudio(defaults.audio().withRecordings(temp.resolve("recordings")))
                .withRedis(new IvrConfig.Redis("", temp.resolve("redis"), Duration.ofSeconds(2)));
        Duration endSilence = config.audio().describeEndSilence();
        try (IvrServer server = IvrServer.start(config);
             SimClient sim = new SimClient("127.0.0.1", server.agiPort(), false)) {
            List<CompletableFuture<CallRecord>> calls = new ArrayList<>();
            for (SpeechVariants.Utterance utterance : utterances) {
                String key = String.valueOf(PausedSpeech.LANGUAGES.indexOf(utterance.language()) + 1);
                calls.add(sim.call(CallScenario.of(utterance.name(), "12345", "13800138000").press(key).press("1")
                        .press("1").say(PausedSpeech.write(utterance, temp)).hangUpDuring("queue-hold")
                        .realTimeAudio(false)));
            }
            for (int i = 0; i < utterances.size(); i++) {
                SpeechVariants.Utterance utterance = utterances.get(i);
                CallRecord call = calls.get(i).get(120, TimeUnit.SECONDS);
                JourneyStore.Journey journey = server.flows().runner().journeys().read(call.uniqueId());
                assertThat(journey.steps()).as(utterance.name()).anySatisfy(step -> assertThat(step)
                        .containsEntry("node", "describe-problem").containsEntry("result", "described, ended by end-of-speech"));
                DraftOrder order = server.orders().store().get(journey.call().get("orderId")).orElseThrow();
                short[] recorded = WavReader.read(Path.of(order.recordingPath())).samples();
                // The simulator sends the material from its first sample: the recording is that, frame for frame.
                assertThat(recorded).as(utterance.name()).isEqualTo(Arrays.copyOf(utterance.samples(), recorded.length));
                PausedSpeech.assertEndOfTurn(utterance, 0, recorded.length * 1000L / SpeechVariants.RATE, endSilence);
            }
        }
        assertThat(Files.exists(temp.resolve("recordings"))).isTrue();
    }
}
