package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.Resampler;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.audio.WavAudio;
import org.junit.jupiter.api.Test;

/**
 * Real recognition of the shared synthetic utterances. Needs unpacked official models under
 * {@code IVR_SPEECH_MODELS}; skipped with the reason otherwise. The voices are robotic: these are
 * smoke tests of the whole path (resampling, streaming, partials, forced final, grammar), not accuracy.
 */
class VoskRecognitionTest {

    private static Transcript recognize(SpeechModels models, String sample, String language, List<String> phrases,
                                        List<Transcript> partials) throws Exception {
        try (Recognizers recognizers = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()))) {
            TranscriptListener listener = new TranscriptListener() {
                @Override
                public void partial(Transcript transcript) {
                    partials.add(transcript);
                }

                @Override
                public void complete(Transcript transcript) {
                }
            };
            Recognition recognition = recognizers.open("test-" + sample, language, phrases, listener).orElseThrow();
            WavAudio audio = SpeechSamples.load(sample);
            Resampler resampler = new Resampler(audio.sampleRate(), Recognizers.RATE);
            for (short[] frame : SpeechSamples.frames(audio.samples(), audio.sampleRate())) {
                recognition.accept(resampler.process(frame));
            }
            return recognition.finish().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void englishDescriptionIsTranscribedWithPartialsWordTimingsAndConfidence() throws Exception {
        try (SpeechModels models = InstalledModels.require("en")) {
            List<Transcript> partials = new CopyOnWriteArrayList<>();
            Transcript transcript = recognize(models, "en-01.wav", "en", List.of(), partials);
            assertThat(transcript.complete()).isTrue();
            assertThat(transcript.text()).contains("traffic");
            assertThat(transcript.words()).isNotEmpty();
            assertThat(transcript.words().get(0).end()).isGreaterThan(transcript.words().get(0).start());
            assertThat(transcript.confidence()).isBetween(0.0, 1.0);
            assertThat(partials).isNotEmpty().allMatch(p -> !p.complete());
        }
    }

    @Test
    void mandarinDescriptionIsTranscribed() throws Exception {
        try (SpeechModels models = InstalledModels.require("zh")) {
            Transcript transcript = recognize(models, "zh-04.wav", "zh", List.of(), new CopyOnWriteArrayList<>());
            assertThat(MenuAnswer.normalize(transcript.text())).contains("社保");
        }
    }

    @Test
    void aSpokenMenuAnswerIsPickedFromTheMenusPhrases() throws Exception {
        try (SpeechModels models = InstalledModels.require("en")) {
            List<String> phrases = List.of("how do i apply for a residence permit as a foreign worker",
                    "the elevator in building seven has been out of service for a week");
            Transcript transcript = recognize(models, "en-04.wav", "en", phrases, new CopyOnWriteArrayList<>());
            MenuAnswer answer = MenuAnswer.of(transcript, phrases, 0.3);
            assertThat(answer.outcome()).isEqualTo(MenuAnswer.Outcome.MATCHED);
            assertThat(answer.phrase()).isEqualTo(phrases.get(0));
        }
    }

    @Test
    void mandarinMenuAnswer() throws Exception {
        try (SpeechModels models = InstalledModels.require("zh")) {
            List<String> phrases = List.of("我 想 咨询 一下 社保 卡 丢 了 怎么 补办", "东城 区 和平 里 的 自来水 发 黄");
            Transcript transcript = recognize(models, "zh-04.wav", "zh", phrases, new CopyOnWriteArrayList<>());
            MenuAnswer answer = MenuAnswer.of(transcript, phrases, 0.3);
            assertThat(answer.phrase()).isEqualTo(phrases.get(0));
        }
    }
}
