package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.ivr.followup.survey.Satisfaction;
import org.hotline.ivr.followup.survey.SurveyAnswer;
import org.hotline.ivr.followup.survey.SurveyFlowAnswers;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.speech.MenuAnswer;
import org.hotline.ivr.speech.Transcript;
import org.hotline.ivr.speech.Word;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survey flow's questions answered by voice. No Vosk model is installed here, so the recognizer is replaced by
 * the transcript it would produce (words spaced as Vosk's Chinese models space them); everything after it is the
 * server's: the flow hands the menu's phrases for the caller's language to speech, the real {@link MenuAnswer}
 * matching and {@link SpeechMenuAnswers#choiceFor} pick the key, and {@link SurveyFlowAnswers} records the answer.
 */
class SurveyVoiceAnswersTest {

    @TempDir
    Path temp;
    private FlowBench bench;
    private final Deque<String> heard = new ConcurrentLinkedDeque<>();
    private final List<Map<String, List<String>>> asked = new CopyOnWriteArrayList<>();
    private final List<SurveyAnswer> answers = new CopyOnWriteArrayList<>();

    /** What a recognizer would have heard, in order, one utterance per question. */
    private final class HeardTranscripts implements FlowServices.SpeechMenus {
        @Override
        public boolean available(String language) {
            return true;
        }

        @Override
        public CompletionStage<String> listen(CallContext call, Map<String, List<String>> choices, Duration timeout,
                                              Duration endSilence) {
            asked.add(choices);
            String text = heard.poll();
            return CompletableFuture.completedFuture(text == null ? "" : keyFor(call.language(), choices, text, 0.9));
        }
    }

    static String keyFor(String language, Map<String, List<String>> choices, String text, double confidence) {
        List<Word> words = Arrays.stream(text.split(" ")).map(w -> new Word(w, 0, 0.3, confidence)).toList();
        List<String> phrases = new ArrayList<>();
        choices.values().forEach(phrases::addAll);
        MenuAnswer answer = MenuAnswer.of(new Transcript("call", language, text, words, true), phrases, 0.6);
        return SpeechMenuAnswers.choiceFor(choices, answer);
    }

    @BeforeEach
    void start() throws Exception {
        bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"),
                redis -> StandInServices.of(redis, "127.0.0.1", 1).withSpeech(new HeardTranscripts()));
        bench.flows.runner().onEnd(SurveyFlowAnswers.FLOW, new SurveyFlowAnswers(answers::add, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private SurveyAnswer surveyAnsweredBySaying(String language, String... utterances) throws Exception {
        heard.addAll(List.of(utterances));
        CallRecord call = bench.call(CallScenario.of("voice", "survey,WO-VOICE-" + language, "13800138000").language(language));
        assertThat(call.prompts()).contains("survey-thanks");
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    @Test
    void mandarinSpokenAnswersAreRecordedAsKeyedOnesWould() throws Exception {
        SurveyAnswer answer = surveyAnsweredBySaying("zh", "没 有 解决", "不 满意");

        assertThat(answer.orderId()).isEqualTo("WO-VOICE-zh");
        assertThat(answer.resolved()).isFalse();
        assertThat(answer.satisfaction()).isEqualTo(Satisfaction.DISSATISFIED);
        assertThat(asked.get(0).get("1")).contains("解决了");
        assertThat(asked.get(1).get("2")).contains("基本满意");
    }

    @Test
    void englishSpokenAnswersUseTheEnglishPhrases() throws Exception {
        SurveyAnswer answer = surveyAnsweredBySaying("en", "yes", "basically satisfied");

        assertThat(answer.resolved()).isTrue();
        assertThat(answer.satisfaction()).isEqualTo(Satisfaction.BASICALLY_SATISFIED);
        assertThat(asked.get(0).get("2")).contains("not resolved").doesNotContain("没有解决");
    }

    @Test
    void anAnswerNotUnderstoodIsAskedAgainAndThenLeftEmpty() throws Exception {
        SurveyAnswer answer = surveyAnsweredBySaying("zh", "今天 天气 不错", "解决 了", "满意");

        assertThat(answer.resolved()).isTrue();
        assertThat(answer.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
        assertThat(asked).hasSize(3);
    }

    @Test
    void transcriptsMatchTheSurveyPhrasesIgnoringSpacesCaseAndPunctuation() {
        FlowNode.Menu resolved = (FlowNode.Menu) bench.flows.library().snapshot().get("survey").node("resolved");
        FlowNode.Menu satisfied = (FlowNode.Menu) bench.flows.library().snapshot().get("survey").node("satisfied");

        assertThat(keyFor("zh", choices(resolved, "zh"), "已 解决", 0.9)).isEqualTo("1");
        assertThat(keyFor("zh", choices(resolved, "zh"), "没 解决", 0.9)).isEqualTo("2");
        assertThat(keyFor("zh", choices(satisfied, "zh"), "还 可以", 0.9)).isEqualTo("2");
        assertThat(keyFor("zh", choices(satisfied, "zh"), "满意。", 0.9)).isEqualTo("1");
        assertThat(keyFor("en", choices(resolved, "en"), "Not resolved.", 0.9)).isEqualTo("2");
        assertThat(keyFor("en", choices(satisfied, "en"), "not satisfied", 0.9)).isEqualTo("3");
        assertThat(keyFor("fr", choices(satisfied, "fr"), "plutôt satisfait", 0.9)).isEqualTo("2");
        assertThat(keyFor("zh", choices(satisfied, "zh"), "满意", 0.3)).as("too unsure: asked again").isEmpty();
        assertThat(keyFor("zh", choices(satisfied, "zh"), "我 很 满意 吧", 0.9)).as("not one of the phrases").isEmpty();
    }

    @Test
    void everyLanguageOfTheSurveyCanAnswerEveryQuestionByVoice() {
        Flow survey = bench.flows.library().snapshot().get("survey");
        for (String menu : List.of("resolved", "satisfied")) {
            for (FlowNode.MenuOption option : ((FlowNode.Menu) survey.node(menu)).options()) {
                assertThat(option.phrases().keySet()).as(menu + " option " + option.key())
                        .containsExactlyInAnyOrderElementsOf(survey.languages());
            }
        }
    }

    private static Map<String, List<String>> choices(FlowNode.Menu menu, String language) {
        Map<String, List<String>> choices = new LinkedHashMap<>();
        menu.options().forEach(o -> choices.put(o.key(), o.phrases().getOrDefault(language, List.of()).stream()
                .map(FlowNode.Phrase::text).toList()));
        return choices;
    }
}
