package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.audio.WavAudio;
import org.junit.jupiter.api.Test;

class EndpointDetectorTest {

    private static final EndpointSettings SETTINGS = new EndpointSettings(Duration.ofMillis(250), Duration.ofSeconds(5));
    private static final int RATE = 8000;

    /** What the detector said, in audio time. */
    record Run(List<EndpointDetector.Event> events, long eventAtMs, EndpointDetector detector) {
    }

    @Test
    void everySampleEndsWithin300msOfItsLastWordAndNeverBefore() {
        for (Path file : SpeechSamples.all()) {
            WavAudio speech = SpeechSamples.read(file);
            int leadMs = 600;
            Run run = feed(SpeechSamples.padded(speech.samples(), RATE, leadMs, 2000));
            long trueEnd = leadMs + Math.round(speech.seconds() * 1000);
            assertThat(run.events()).as(file.getFileName().toString())
                    .containsExactly(EndpointDetector.Event.SPEECH_STARTED, EndpointDetector.Event.SPEECH_ENDED);
            assertThat(run.eventAtMs() - trueEnd).as("%s: end detected after the last word", file.getFileName())
                    .isBetween(150L, 300L);
            assertThat(run.detector().speechStartMillis()).as(file.getFileName().toString())
                    .isBetween((long) leadMs - 20, (long) leadMs + 200);
        }
    }

    @Test
    void steadyLineNoiseIsLearntAndDoesNotHideTheEndOfSpeech() {
        WavAudio speech = SpeechSamples.load("zh-01.wav");
        short[] noisy = SpeechSamples.withNoise(SpeechSamples.padded(speech.samples(), RATE, 1200, 2000), -42, 7);
        Run run = feed(noisy);
        long trueEnd = 1200 + Math.round(speech.seconds() * 1000);
        assertThat(run.events()).containsExactly(EndpointDetector.Event.SPEECH_STARTED, EndpointDetector.Event.SPEECH_ENDED);
        assertThat(run.eventAtMs() - trueEnd).isBetween(0L, 300L);
        assertThat(run.detector().noiseFloorDbfs()).isBetween(-50.0, -40.0);
    }

    @Test
    void noiseAloneIsNotSpeechAndEndsAsNoSpeech() {
        short[] noise = SpeechSamples.withNoise(new short[RATE * 6], -35, 11);
        Run run = feed(noise);
        assertThat(run.events()).containsExactly(EndpointDetector.Event.NO_SPEECH);
        assertThat(run.eventAtMs()).isEqualTo(5000);
    }

    @Test
    void aClickBeforeSpeakingIsNotTakenForTheWholeDescription() {
        WavAudio speech = SpeechSamples.load("en-03.wav");
        short[] audio = SpeechSamples.padded(speech.samples(), RATE, 1500, 1500);
        for (int i = 4000; i < 4400; i++) {
            audio[i] = (short) (i % 2 == 0 ? 20000 : -20000);
        }
        Run run = feed(audio);
        long trueEnd = 1500 + Math.round(speech.seconds() * 1000);
        assertThat(run.events()).endsWith(EndpointDetector.Event.SPEECH_ENDED);
        assertThat(run.eventAtMs()).isGreaterThan(trueEnd);
    }

    @Test
    void aCallerCutOffMidSentenceHasNoEndOfSpeech() {
        WavAudio speech = SpeechSamples.load("en-01.wav");
        short[] half = java.util.Arrays.copyOf(speech.samples(), speech.samples().length / 2);
        Run run = feed(SpeechSamples.padded(half, RATE, 500, 0));
        assertThat(run.events()).containsExactly(EndpointDetector.Event.SPEECH_STARTED);
        assertThat(run.detector().speaking()).isTrue();
    }

    private static Run feed(short[] audio) {
        EndpointDetector detector = new EndpointDetector(RATE, SETTINGS);
        List<EndpointDetector.Event> events = new ArrayList<>();
        long at = -1;
        for (short[] frame : SpeechSamples.frames(audio, RATE)) {
            EndpointDetector.Event event = detector.accept(frame);
            if (event != null) {
                events.add(event);
                at = detector.elapsedMillis();
            }
        }
        return new Run(events, at, detector);
    }
}
