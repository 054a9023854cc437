package org.hotline.ivr.speech;

import org.hotline.ivr.ops.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
 * the installed model. {@code ivr transcribe --backfill --since 7d}: the description recordings of that period
 * whose orders have no transcript ({@link TranscriptBackfill}).
 * Exit codes: 0 done, 1 unreadable file or bad arguments, 2 no usable model for the language.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true, versionProvider = org.hotline.ivr.ops.VersionProvider.class,
        description = {"Transcribe a WAV recording (16-bit PCM, any sample rate) with the installed Vosk model,",
                "or with --backfill the orders' description recordings that have no transcript yet."})
public final class TranscribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<file.wav>")
    Path file;

    @Option(names = "--lang", description = "Language code of the recording, e.g. zh, en.")
    String language;

    @Option(names = "--backfill", description = "Transcribe the orders' description recordings that have no transcript.")
    boolean backfill;

    @Option(names = "--since", defaultValue = "7d", converter = org.hotline.ivr.cli.DurationConverter.class,
            description = "With --backfill: recordings of this last period (default ${DEFAULT-VALUE}).")
    java.time.Duration since;

    @Option(names = "--config", paramLabel = "FILE", description = "With --backfill: the server's configuration (default: defaults and IVR_* environment).")
    Path config;

    @Option(names = "--json", description = "Print the transcript as JSON with word timings and confidence.")
    boolean json;

    @Option(names = "--models-dir", description = "Model directory (default: IVR_SPEECH_MODELS, speech.models, or speech-models).")
    Path modelsDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (backfill) {
            return new BackfillRun(spec.commandLine().getOut(), err, config, modelsDir).run(since);
        }
        if (file == null || language == null) {
            err.println("give a recording and its --lang, or --backfill");
            return 1;
        }
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
            Transcript transcript = TranscriptBackfill.transcribe(audio, recognition.get());
            print(transcript, audio);
            return 0;
        }
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
