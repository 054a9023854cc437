package org.hotline.ivr.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hotline.ivr.audio.AudioStreamControl;
import org.hotline.ivr.audio.AudioStreamListener;
import org.hotline.ivr.audio.Pcm;
import org.hotline.ivr.audio.Resampler;
import org.hotline.ivr.audio.StreamEnd;
import org.hotline.ivr.audio.WavRecorder;
import org.hotline.ivr.speech.TranscriptPublisher.CallPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One description on one AudioSocket stream. Every frame is written to the recording first; only then
 * is it endpointed and queued for recognition. The description ends on our end of speech, no speech,
 * the length limit, a key, or the caller going away: the socket is closed, the recording completed,
 * the final transcript forced, and the result delivered with all three.
 */
final class DescriptionSession implements AudioStreamListener {

    private static final Logger log = LoggerFactory.getLogger(DescriptionSession.class);

    /** What a session needs from the node. */
    record Context(RecognitionSource recognizers, RecordingStore recordings, TranscriptPublisher publisher, Executor io) {
    }

    private final UUID uuid;
    private final DescribeOptions options;
    private final Context context;
    private final CompletableFuture<DescriptionResult> result = new CompletableFuture<>();
    private final StringBuilder digits = new StringBuilder();
    private final CallPublisher publisher;
    private final FinishPrompt finishPrompt;
    private AudioStreamControl control;
    private WavRecorder recorder;
    private String recordingProblem;
    private EndpointDetector detector;
    private Resampler resampler;
    private StreamingRecognition recognition;
    private EndReason reason;
    private long audioMillis;

    DescriptionSession(UUID uuid, DescribeOptions options, Context context) {
        this.uuid = uuid;
        this.options = options;
        this.context = context;
        this.publisher = context.publisher() == null ? null : context.publisher().forCall(options.callId());
        long finishAt = options.maxLength().minus(DescribeOptions.FINISH_LEAD).toMillis();
        this.finishPrompt = options.finishPrompt() == null || finishAt <= 0 ? null
                : new FinishPrompt(options.finishPrompt(), finishAt, context.io());
    }

    CompletionStage<DescriptionResult> result() {
        return result;
    }

    @Override
    public void opened(AudioStreamControl streamControl) {
        this.control = streamControl;
        TranscriptListener listener = publisher == null ? TranscriptListener.NONE : publisher;
        recognition = context.recognizers().open(options.callId(), options.language(), options.phrases(), listener)
                .orElse(null);
        try (MDC.MDCCloseable ignored = MDC.putCloseable("callId", options.callId())) {
            log.info("Call {}: {} stream {} connected ({}, {})", options.callId(), options.isMenu() ? "menu answer" : "description",
                uuid, options.language(), recognition == null ? "recording only, no model" : "transcribing");
        }
    }

    @Override
    public void audio(int sampleRate, byte[] pcm) {
        if (reason != null) {
            return;
        }
        record(sampleRate, pcm);
        short[] samples = Pcm.toSamples(pcm);
        if (detector == null) {
            detector = new EndpointDetector(sampleRate, options.endpointing());
            boolean convert = recognition != null && sampleRate != Recognizers.RATE;
            resampler = convert ? new Resampler(sampleRate, Recognizers.RATE) : null;
        }
        EndpointDetector.Event event = detector.accept(samples);
        if (recognition != null) {
            recognition.accept(resampler == null ? samples : resampler.process(samples));
        }
        audioMillis = detector.elapsedMillis();
        if (finishPrompt != null && control != null) {
            var frame = finishPrompt.next(audioMillis, sampleRate, samples.length);
            if (frame != null) {
                control.send(frame);
            }
        }
        if (event == EndpointDetector.Event.SPEECH_ENDED) {
            finish(EndReason.END_OF_SPEECH);
        } else if (event == EndpointDetector.Event.NO_SPEECH) {
            finish(EndReason.NO_SPEECH);
        } else if (audioMillis >= options.maxLength().toMillis()) {
            finish(EndReason.MAX_LENGTH);
        }
    }

    private void record(int sampleRate, byte[] pcm) {
        try {
            if (recorder == null && recordingProblem == null) {
                recorder = WavRecorder.create(context.recordings().newFile(options.callId(), uuid), sampleRate);
            }
            if (recorder != null) {
                recorder.write(pcm);
            }
        } catch (IOException e) {
            recordingProblem = "recording failed: " + e.getMessage();
            log.error("Call {}: {}", options.callId(), recordingProblem);
            closeRecorderQuietly();
        }
    }

    @Override
    public void dtmf(char digit) {
        if (reason != null) {
            return;
        }
        digits.append(digit);
        if (digit == '#' || options.isMenu()) {
            finish(EndReason.DTMF);
        }
    }

    @Override
    public void ended(StreamEnd end) {
        if (reason == null) {
            finish(switch (end.reason()) {
                case PROTOCOL_ERROR, ASTERISK_ERROR -> EndReason.STREAM_ERROR;
                default -> EndReason.HANGUP;
            });
        }
    }

    /** Ends a description that never connected. */
    void notConnected() {
        reason = EndReason.NOT_CONNECTED;
        try (MDC.MDCCloseable ignored = MDC.putCloseable("callId", options.callId())) {
            log.warn("Call {}: AudioSocket stream {} never connected", options.callId(), uuid);
        }
        deliver(null, "nothing recorded: Asterisk did not connect the audio stream");
    }

    private void finish(EndReason why) {
        reason = why;
        if (control != null) {
            control.close();
        }
        CompletableFuture<Path> recording = CompletableFuture.supplyAsync(this::closeRecording, context.io());
        CompletionStage<Transcript> transcript = recognition == null
                ? CompletableFuture.completedFuture(null) : recognition.finish();
        recording.thenCombine(transcript, (path, text) -> {
            deliver(text, note(text));
            return null;
        }).exceptionally(error -> {
            deliver(null, "recorded, transcript failed: " + error.getMessage());
            return null;
        });
    }

    private Path closeRecording() {
        if (recorder == null) {
            return null;
        }
        try {
            recorder.close();
        } catch (IOException e) {
            recordingProblem = "recording not completed: " + e.getMessage();
            log.error("Call {}: {}", options.callId(), recordingProblem);
        }
        return recorder.file();
    }

    private void closeRecorderQuietly() {
        try {
            if (recorder != null) {
                recorder.close();
            }
        } catch (IOException ignored) {
            // the failure that brought us here has been logged
        }
    }

    private String note(Transcript transcript) {
        String recorded = recordingProblem != null ? recordingProblem
                : recorder == null ? "nothing recorded (no audio received)" : "recorded";
        if (transcript != null) {
            return recordingProblem == null ? "" : recorded;
        }
        LanguageStatus status = context.recognizers().status(options.language());
        return recorded + ", no transcript (no " + SpeechModels.baseLanguage(options.language()) + " model"
                + (status.state() == LanguageStatus.State.LOADING ? " loaded yet" : "") + ")";
    }

    /** For the seat's screen: {@code no-model}, {@code model-loading} or {@code failed} (recognition or stream). */
    private String whyNoTranscript() {
        LanguageStatus.State state = context.recognizers().status(options.language()).state();
        if (recognition == null && state == LanguageStatus.State.LOADING) {
            return "model-loading";
        }
        return recognition == null && reason != EndReason.NOT_CONNECTED ? "no-model" : "failed";
    }

    private void deliver(Transcript transcript, String note) {
        MenuAnswer answer = options.isMenu() && transcript != null
                ? MenuAnswer.of(transcript, options.phrases(), options.minConfidence()) : null;
        long start = detector == null ? -1 : detector.speechStartMillis();
        long end = detector == null ? -1 : detector.speechEndMillis();
        Path file = recorder == null ? null : recorder.file();
        DescriptionResult outcome = new DescriptionResult(uuid, options.callId(), options.language(), reason, file,
                audioMillis, start, end, digits.toString(), transcript, answer, note);
        if (publisher != null && transcript == null) {
            boolean kept = file != null && recordingProblem == null;
            publisher.noTranscript(options.language(), note, whyNoTranscript(), kept);
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("callId", options.callId())) {
            log.info("Call {}: {} ended ({}), {} ms of audio{}", options.callId(),
                    options.isMenu() ? "menu answer" : "description", reason, audioMillis,
                    file == null ? "" : ", recording " + file);
        }
        result.complete(outcome);
    }
}
