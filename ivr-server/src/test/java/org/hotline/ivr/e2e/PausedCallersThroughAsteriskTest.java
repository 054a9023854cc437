package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.speech.PausedSpeech;
import org.hotline.ivr.speech.SpeechVariants;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callers who pause mid-sentence, speak slowly and over line noise, played into real calls through the real
 * Asterisk 22 and the shipped 12345 flow, all at once. Asterisk starts the caller's WAV a moment after the
 * AudioSocket opens, so the offset is measured on the audio (first word in the recording against first word in
 * the material), and the verdict is read off the recording, in audio time, whatever the machine's load.
 */
@ExtendWith(AsteriskExtension.class)
class PausedCallersThroughAsteriskTest {

    /** Louder than the -45 dBFS line noise and quieter than any word: where the first word starts. */
    private static final double ONSET_DBFS = -35;

    @TempDir
    static Path material;

    @BeforeAll
    static void prompts(AsteriskRig rig) throws Exception {
        Hotline.installPrompts(rig);
    }

    @AfterEach
    void seatsOut(AsteriskRig rig) {
        Hotline.logOutAllSeats(rig);
    }

    @Test
    void pausedSlowAndNoisyCallersAreHeardToTheirLastWordAndNoLonger(AsteriskRig rig) throws Exception {
        // One of each paused/slow/noisy variant, in zh, en, ja and de (Asterisk says no queue numbers in ko).
        List<SpeechVariants.Utterance> utterances = PausedSpeech.make(material, List.of("zh", "en", "ja", "de"), 600, 4000);
        List<TestCall> calls = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            SpeechVariants.Utterance utterance = utterances.get(i);
            String key = String.valueOf(PausedSpeech.LANGUAGES.indexOf(utterance.language()) + 1);
            calls.add(rig.place(TestCallPlan.hotline("1380013810" + i).language(utterance.language())
                    .keys(key + ",1,1").speech(PausedSpeech.write(utterance, material)).timeout(Duration.ofSeconds(120))));
        }
        Duration endSilence = rig.server().config().audio().describeEndSilence();
        for (int i = 0; i < utterances.size(); i++) {
            SpeechVariants.Utterance utterance = utterances.get(i);
            TestCall call = calls.get(i);
            Hotline.await(Duration.ofSeconds(90), utterance.name() + " described",
                    () -> Hotline.hasStep(rig, call.ivrLegId(), "describe-problem"), () -> String.valueOf(call.agiCommandsSoFar()));
            call.hangUpCitizen();
            call.result().get(30, TimeUnit.SECONDS);

            assertThat(Hotline.step(rig, call.ivrLegId(), "describe-problem")).as(utterance.name())
                    .containsEntry("result", "described, ended by end-of-speech");
            WavAudio recorded = WavReader.read(Path.of(Hotline.draftOrder(rig, call.ivrLegId()).recordingPath()));
            long offset = SpeechVariants.edgeMillis(utterance.samples(), true, ONSET_DBFS)
                    - SpeechVariants.edgeMillis(recorded.samples(), true, ONSET_DBFS);
            PausedSpeech.assertEndOfTurn(utterance, offset, recorded.samples().length * 1000L / recorded.sampleRate(),
                    endSilence);
        }
    }
}
