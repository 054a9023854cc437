package org.hotline.ivr.speech;

import org.hotline.ivr.ops.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.Resampler;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.ops.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ivr transcribe <file.wav> --lang zh [--json]}: transcribes a recording of any sample rate with
 * the installed model, e.g. to back-fill calls recorded before a model was installed.
 * Exit codes: 0 done, 1 unreadable file, 2 no usable model for the language.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true, versionProvider = org.hotline.ivr.cli.VersionProvider.class,
        description = "Transcribe a WAV recording (16-bit PCM, any sample rate) with the installed Vosk model.")
public final class TranscribeCommand implements Callable<Integer> {

    private static final int CHUNK = Recognizers.RATE / 5;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file.wav>")
    Path file;

    @Option(names = "--lang", required = true, description = "Language code of the recording, e.g. zh, en.")
    String language;

    @Option(names = "--json", description = "Print the transcript as JSON with word timings and confidence.")
    boolean json;

    @Option(names = "--models-dir", description = "Model directory (default: IVR_SPEECH_MODELS, speech.models, or speech-models).")
    Path modelsDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        WavAudio audio;
        try {
            audio = WavReader.read(file);
        } catch (IOException e) {
            err.println("cannot transcribe: " + e.getMessage());
            return 1;
        }
        Path dir = modelsDir != null ? modelsDir : new ConfigLoader(System.getenv()).load(null).speechModels();
        String lang = SpeechModels.baseLanguage(language);
        try (SpeechModels models = SpeechModels.start(dir, lang::equals);
             Recognizers recognizers = new Recognizers(models, 1, new SpeechMetrics(new SimpleMeterRegistry()))) {
            models.loaded().get(10, TimeUnit.MINUTES);
            var recognition = recognizers.open(file.getFileName().toString(), lang, TranscriptListener.NONE);
            if (recognition.isEmpty()) {
                err.println("cannot transcribe: no " + lang + " model (" + models.status(lang).describe()
                        + "); install one with ./ivr models install " + lang);
                return 2;
            }
            Transcript transcript = transcribe(audio, recognition.get());
            print(transcript, audio);
            return 0;
        }
    }

    private static Transcript transcribe(WavAudio audio, Recognition recognition) throws Exception {
        short[] samples = audio.samples();
        Resampler resampler = audio.sampleRate() == Recognizers.RATE ? null : new Resampler(audio.sampleRate(), Recognizers.RATE);
        int step = Math.max(1, CHUNK * audio.sampleRate() / Recognizers.RATE);
        for (int i = 0; i < samples.length; i += step) {
            short[] part = Arrays.copyOfRange(samples, i, Math.min(samples.length, i + step));
            recognition.accept(resampler == null ? part : resampler.process(part));
        }
        return recognition.finish().toCompletableFuture().get(10, TimeUnit.MINUTES);
    }

    private void print(Transcript transcript, WavAudio audio) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println(transcript.text());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", file.toString());
        body.put("language", transcript.language());
        body.put("seconds", audio.seconds());
        body.put("text", transcript.text());
        body.put("confidence", transcript.confidence());
        body.put("words", transcript.words());
        out.println(Json.pretty().writeValueAsString(body));
    }
}
