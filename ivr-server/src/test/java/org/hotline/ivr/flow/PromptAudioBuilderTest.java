package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptAudioBuilderTest {

    @TempDir
    Path dir;
    PromptCatalog catalog;
    Path recorded;

    @BeforeEach
    void catalog() throws Exception {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/zh.yaml"), "welcome: 您好，欢迎致电12345。\ngoodbye: 再见。\n");
        Files.writeString(dir.resolve("prompts/en.yaml"), "welcome: Welcome to 12345.\ngoodbye: Goodbye.\n");
        catalog = PromptCatalog.load(dir.resolve("prompts"), new ArrayList<>());
        recorded = dir.resolve("sounds");
        PromptAudio.write(recorded.resolve("en/welcome.wav"), new short[] {1, 2, 3, 4});
    }

    private static AudioFormat formatOf(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            return in.getFormat();
        }
    }

    @Test
    void aRecordedPromptWinsAndTheOthersAreListedAsLackingOne() throws Exception {
        PromptAudioBuilder.Report report = new PromptAudioBuilder(catalog, recorded, Optional.empty())
                .build(dir.resolve("out"));

        assertThat(report.recorded()).isEqualTo(1);
        assertThat(report.beeps()).isEqualTo(3);
        assertThat(report.lackingRecording()).containsExactlyInAnyOrder("en/goodbye", "zh/goodbye", "zh/welcome");
        assertThat(Files.readAllBytes(dir.resolve("out/en/welcome.wav")))
                .isEqualTo(Files.readAllBytes(recorded.resolve("en/welcome.wav")));
        AudioFormat beep = formatOf(dir.resolve("out/zh/welcome.wav"));
        assertThat(beep.getSampleRate()).isEqualTo(8000f);
        assertThat(beep.getChannels()).isEqualTo(1);
    }

    @Test
    void espeakSpeaksEachPromptAt8kHz() throws Exception {
        Optional<String> espeak = PromptAudioBuilder.findEspeak();
        assumeTrue(espeak.isPresent(), "espeak-ng is not installed: synthesis is not tested here");
        PromptAudioBuilder.Report report = new PromptAudioBuilder(catalog, recorded, espeak).build(dir.resolve("out"));

        assertThat(report.synthesized()).isEqualTo(3);
        Path zh = dir.resolve("out/zh/welcome.wav");
        assertThat(formatOf(zh).getSampleRate()).isEqualTo(8000f);
        short[] samples = PromptAudio.read8k(zh);
        assertThat(samples.length).as("a spoken sentence lasts more than half a second").isGreaterThan(4000);
        assertThat(rms(samples)).as("and is not silence").isGreaterThan(300);
    }

    @Test
    void resamplingKeepsAToneInTheTelephoneBandAndDropsOneAboveIt() {
        float rate = 22050f;
        short[] low = tone(1000, rate);
        short[] high = tone(6000, rate);
        assertThat(rms(PromptAudio.resample(low, rate, 8000f))).isGreaterThan(rms(low) * 0.8);
        assertThat(rms(PromptAudio.resample(high, rate, 8000f))).isLessThan(rms(high) * 0.1);
    }

    private static short[] tone(double hz, float rate) {
        short[] samples = new short[(int) rate];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return samples;
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length);
    }
}
