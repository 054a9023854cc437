package org.hotline.ivr.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.hotline.ivr.agi.AgiHangupException;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.PendingDrafts;
import org.hotline.ivr.speech.CallRecordings;
import org.hotline.ivr.speech.DescribeOptions;
import org.hotline.ivr.speech.DescriptionResult;
import org.hotline.ivr.speech.Descriptions;
import org.hotline.ivr.speech.EndReason;
import org.hotline.ivr.speech.RecordingStore;
import org.hotline.ivr.speech.SpeechModels;

/**
 * The describe node on a node with the speech part: the stream is registered with {@link Descriptions}
 * before Asterisk is told to open it, and the node goes on once both the EXEC has returned and the
 * description has ended (recording kept, transcript where a model exists).
 */
public final class SpeechDescriptionCapture implements FlowServices.DescriptionCapture {

    private final Descriptions descriptions;
    private final IvrConfig.Audio audio;
    private final RecordingStore recordings;
    private final PendingDrafts pending;
    private CallRecordings callRecordings;

    /** Without a record of descriptions under way: a crash mid-description leaves a recording but no draft. */
    public SpeechDescriptionCapture(Descriptions descriptions, IvrConfig.Audio audio) {
        this(descriptions, audio, null, null);
    }

    /**
     * The production wiring: before Asterisk is told to stream, the call's facts and the recording it goes to are
     * on disk ({@link PendingDrafts}), so a crash mid-description still gives the caller a draft at the restart.
     */
    public SpeechDescriptionCapture(Descriptions descriptions, IvrConfig.Audio audio, RecordingStore recordings,
                                    PendingDrafts pending) {
        this.descriptions = descriptions;
        this.audio = audio;
        this.recordings = recordings;
        this.pending = pending;
    }

    /** Notes each description on the call's recordings (kind, length, node) for the player and the order API. */
    public SpeechDescriptionCapture noting(CallRecordings recordingsOfCalls) {
        this.callRecordings = recordingsOfCalls;
        return this;
    }

    @Override
    public CompletionStage<FlowServices.Description> capture(CallContext call, FlowNode.Describe node) {
        UUID uuid = UUID.randomUUID();
        DescribeOptions defaults = DescribeOptions.describe(call.callId(), call.language(), audio);
        Duration max = node.maxLength().compareTo(defaults.maxLength()) < 0 ? node.maxLength() : defaults.maxLength();
        DescribeOptions options = defaults.withLimits(max, node.endSilence());
        if (node.finishPrompt() != null) {
            // Built as Asterisk's sounds are: <dir>/<lang>/<prompt>.wav (./ivr prompts build).
            options = options.withFinishPrompt(audio.promptAudio().resolve(SpeechModels.baseLanguage(call.language()))
                    .resolve(node.finishPrompt().name() + ".wav"));
        }
        CompletionStage<DescriptionResult> result = descriptions.expect(uuid, options);
        CompletionStage<Void> kept = pending == null ? CompletableFuture.completedFuture(null)
                : pending.startedAsync(OrderPartDrafts.facts(call, node.id())
                        .withRecording(recordings.newFile(call.callId(), uuid).toString()));
        CompletionStage<DescriptionResult> noted = result.thenApply(done -> {
            if (callRecordings != null && done.recording() != null) {
                callRecordings.add(call.callId(), new CallRecordings.Recording(CallRecordings.Recording.DESCRIPTION,
                        done.recording().toString(), done.audioMillis(), node.id(), "", Instant.now().toString()));
            }
            return done;
        });
        return kept.thenCompose(x -> stream(call, uuid, audio)).thenCombine(noted, (hungUp, done) -> new FlowServices.Description(
                done.hasTranscript() ? done.transcript().text() : "", done.note() == null ? "" : done.note(),
                done.recording() == null ? "" : done.recording().toString(), hungUp || done.reason() == EndReason.HANGUP,
                done.reason() == null ? "" : done.reason().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    /** What the EXEC line asks Asterisk for: a fresh stream id and where to connect. */
    static String audioSocketOptions(String uuid, String host, int port) {
        return uuid + "," + host + ":" + port;
    }

    /** EXEC AudioSocket; completes with true if the caller hung up meanwhile. */
    static CompletionStage<Boolean> stream(CallContext call, UUID uuid, IvrConfig.Audio audio) {
        return KeyInput.send(call, new ExecCommand("AudioSocket",
                        audioSocketOptions(uuid.toString(), audio.advertiseHost(), audio.port())))
                .handle((reply, error) -> {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    if (cause != null && !(cause instanceof AgiHangupException)) {
                        throw new CompletionException(cause);
                    }
                    return cause != null;
                });
    }
}
