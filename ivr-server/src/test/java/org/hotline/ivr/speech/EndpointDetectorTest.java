package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.ops.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void pausedSlowAndNoisyCallersAreNeverCutBeforeTheirLastWord(@TempDir Path work) {
        Duration endSilence = ConfigLoader.defaultsOnly().audio().describeEndSilence();
        EndpointSettings description = EndpointSettings.description(endSilence, Duration.ofSeconds(8));
        // Every sample in each of the eight languages, each under one of the paused/slow/noisy variants in turn.
        for (SpeechVariants.Utterance utterance : PausedSpeech.make(work, 16, 800, 3000)) {
            Run run = feed(utterance.samples(), description);
            assertThat(run.events()).as(utterance.name())
                    .containsExactly(EndpointDetector.Event.SPEECH_STARTED, EndpointDetector.Event.SPEECH_ENDED);
            PausedSpeech.assertEndOfTurn(utterance, 0, run.eventAtMs(), endSilence);
        }
    }

    @Test
    void aCallerWhoStopsToThinkRightAfterStartingIsGivenLonger() {
        // "I want to report ..." then 1.8 s looking for the street's name: longer than end-silence, but in the opening.
        WavAudio speech = SpeechSamples.load("en-02.wav");
        int cut = RATE * 13 / 10;
        short[] opening = Arrays.copyOf(speech.samples(), cut);
        short[] rest = Arrays.copyOfRange(speech.samples(), cut, speech.samples().length);
        short[] audio = concat(SpeechSamples.padded(opening, RATE, 500, 1800), SpeechSamples.padded(rest, RATE, 0, 3000));
        Duration endSilence = Duration.ofMillis(1500);
        Run run = feed(audio, EndpointSettings.description(endSilence, Duration.ofSeconds(8)));
        long lastWord = 500 + 1800 + speech.samples().length * 1000L / RATE;
        assertThat(run.events()).containsExactly(EndpointDetector.Event.SPEECH_STARTED, EndpointDetector.Event.SPEECH_ENDED);
        assertThat(run.eventAtMs() - lastWord).isBetween(endSilence.toMillis() - 30, endSilence.toMillis() + 300);

        Run menu = feed(audio, new EndpointSettings(endSilence, Duration.ofSeconds(8)));
        assertThat(menu.eventAtMs()).as("without the opening allowance the pause ends the turn").isLessThan(lastWord);
    }

    @Test
    void aSpokenMenuAnswerEndsSoonAfterIt() {
        Duration endSilence = ConfigLoader.defaultsOnly().audio().menuEndSilence();
        WavAudio speech = SpeechSamples.load("zh-04.wav");
        short[] answer = Arrays.copyOf(speech.samples(), RATE);
        Run run = feed(SpeechSamples.padded(answer, RATE, 400, 2000), new EndpointSettings(endSilence, Duration.ofSeconds(5)));
        long lastWord = 400 + SpeechVariants.edgeMillis(answer, false, -45);
        assertThat(endSilence).isEqualTo(Duration.ofMillis(700));
        assertThat(run.eventAtMs() - lastWord).isBetween(endSilence.toMillis() - 30, endSilence.toMillis() + 300);
    }

    @Test
    void lineNoiseThatBeginsAfterTheStreamOpensDoesNotHoldTheTurnOpen() {
        // What a real Asterisk gives: digital silence until the caller's line carries audio, then noise with it.
        WavAudio speech = SpeechSamples.load("ja-01.wav");
        short[] line = SpeechSamples.withNoise(SpeechSamples.padded(speech.samples(), RATE, 600, 4000), -45, 3);
        short[] audio = concat(new short[RATE / 2], line);
        Duration endSilence = Duration.ofMillis(1500);
        Run run = feed(audio, EndpointSettings.description(endSilence, Duration.ofSeconds(8)));
        long lastWord = 500 + 600 + speech.samples().length * 1000L / RATE;
        assertThat(run.events()).endsWith(EndpointDetector.Event.SPEECH_ENDED);
        assertThat(run.eventAtMs() - lastWord).isBetween(endSilence.toMillis() - 30, endSilence.toMillis() + 300);
    }

    @Test
    void lineNoiseAloneThatBeginsLateIsNoSpeech() {
        short[] audio = concat(new short[RATE / 2], SpeechSamples.withNoise(new short[RATE * 9], -45, 5));
        Run run = feed(audio, EndpointSettings.description(Duration.ofMillis(1500), Duration.ofSeconds(8)));
        assertThat(run.events()).endsWith(EndpointDetector.Event.NO_SPEECH);
        assertThat(run.eventAtMs()).isEqualTo(8000);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Run feed(short[] audio) {
        return feed(audio, SETTINGS);
    }

    private static Run feed(short[] audio, EndpointSettings settings) {
        EndpointDetector detector = new EndpointDetector(RATE, settings);
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
