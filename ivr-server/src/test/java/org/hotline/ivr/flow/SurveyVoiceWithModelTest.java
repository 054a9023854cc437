package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.Resampler;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.speech.MenuAnswer;
import org.hotline.ivr.speech.Recognition;
import org.hotline.ivr.speech.Recognizers;
import org.hotline.ivr.speech.SpeechMetrics;
import org.hotline.ivr.speech.SpeechModels;
import org.hotline.ivr.speech.Transcript;
import org.hotline.ivr.speech.TranscriptListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spoken survey answer through a real Vosk recognizer, constrained to the survey menu's English phrases: needs a
 * model under {@code IVR_SPEECH_MODELS} and espeak-ng and sox to speak the answer; skipped with the reason otherwise.
 */
class SurveyVoiceWithModelTest {

    @TempDir
    Path temp;

    @Test
    void aSpokenDissatisfiedIsTheThirdChoice() throws Exception {
        Path wav = spoken("dissatisfied");
        Flow survey = new FlowLoader().load(ShippedFlowsTest.FLOWS.resolve("survey.yaml"));
        Map<String, List<String>> choices = new LinkedHashMap<>();
        ((FlowNode.Menu) survey.node("satisfied")).options().forEach(o -> choices.put(o.key(),
                o.phrases().get("en").stream().map(FlowNode.Phrase::text).toList()));
        List<String> phrases = choices.values().stream().flatMap(List::stream).toList();
        try (SpeechModels models = models("en");
             Recognizers recognizers = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()))) {
            Recognition recognition = recognizers.open("survey-voice", "en", phrases, TranscriptListener.NONE)
                    .orElseThrow();
            WavAudio audio = SpeechSamples.read(wav);
            Resampler resampler = new Resampler(audio.sampleRate(), Recognizers.RATE);
            for (short[] frame : SpeechSamples.frames(audio.samples(), audio.sampleRate())) {
                recognition.accept(resampler.process(frame));
            }
            Transcript transcript = recognition.finish().toCompletableFuture().get(60, TimeUnit.SECONDS);

            assertThat(SpeechMenuAnswers.choiceFor(choices, MenuAnswer.of(transcript, phrases, 0.3))).isEqualTo("3");
        }
    }

    private Path spoken(String text) throws Exception {
        Path raw = temp.resolve("raw.wav");
        Path wav = temp.resolve("answer.wav");
        assumeTrue(run("espeak-ng", "-v", "en", "-w", raw.toString(), text), "espeak-ng is not installed: no voice to answer with");
        assumeTrue(run("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", wav.toString()), "sox is not installed");
        return wav;
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static SpeechModels models(String language) throws Exception {
        String dir = System.getenv("IVR_SPEECH_MODELS");
        assumeTrue(dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir)), "IVR_SPEECH_MODELS is not set to a"
                + " folder of Vosk models: spoken survey answers through a real recognizer are skipped (the phrase"
                + " matching is tested on transcript text in SurveyVoiceAnswersTest)");
        SpeechModels models = SpeechModels.start(Path.of(dir), language::equals);
        models.loaded().get(10, TimeUnit.MINUTES);
        if (!models.status(language).ready()) {
            String why = models.status(language).describe();
            models.close();
            assumeTrue(false, "no usable " + language + " model in " + dir + ": " + why);
        }
        return models;
    }
}
