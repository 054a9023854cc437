package org.hotline.ivr.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hotline.ivr.audio.AudioSocketFrame;
import org.hotline.ivr.audio.AudioSocketKind;
import org.hotline.ivr.audio.Pcm;
import org.hotline.ivr.audio.Resampler;
import org.hotline.ivr.audio.WavAudio;
import org.hotline.ivr.audio.WavReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short "please finish" prompt a description plays into its own stream before the length limit.
 * AGI is busy in {@code EXEC AudioSocket} then, so the prompt goes back over the socket, which Asterisk
 * plays to the caller while we keep recording. It is paced by the caller's audio (one frame back for
 * each frame in), so a prompt never arrives faster than Asterisk plays it. The file is read off the
 * event loop when the description starts; a missing one is logged and the limit then comes unwarned.
 */
final class FinishPrompt {

    private static final Logger log = LoggerFactory.getLogger(FinishPrompt.class);

    private final Path wav;
    private final long startMillis;
    private final CompletableFuture<WavAudio> loaded;
    private short[] pending;
    private int offset;
    private boolean done;

    /** @param startMillis the audio time to start at */
    FinishPrompt(Path wav, long startMillis, Executor io) {
        this.wav = wav;
        this.startMillis = startMillis;
        this.loaded = CompletableFuture.supplyAsync(() -> read(wav), io);
    }

    private static WavAudio read(Path wav) {
        if (!Files.isRegularFile(wav)) {
            log.warn("Finish prompt {} not found: build it with ./ivr prompts build --out <audio.promptAudio>", wav);
            return null;
        }
        try {
            return WavReader.read(wav);
        } catch (IOException e) {
            log.warn("Finish prompt {} unreadable: {}", wav, e.getMessage());
            return null;
        }
    }

    /** The frame to send back for {@code samples} received at {@code sampleRate}, reaching audio time {@code nowMillis}; or null. */
    AudioSocketFrame next(long nowMillis, int sampleRate, int samples) {
        if (done || nowMillis < startMillis) {
            return null;
        }
        if (pending == null) {
            WavAudio prompt = loaded.getNow(null);
            AudioSocketKind kind = AudioSocketKind.audioAt(sampleRate);
            if (prompt == null || kind == null) {
                done = loaded.isDone() || kind == null;
                return null;
            }
            pending = prompt.sampleRate() == sampleRate ? prompt.samples()
                    : new Resampler(prompt.sampleRate(), sampleRate).process(prompt.samples());
            log.info("Playing finish prompt {} at {} ms of audio", wav.getFileName(), nowMillis);
        }
        int n = Math.min(samples, pending.length - offset);
        AudioSocketFrame frame = AudioSocketFrame.audio(AudioSocketKind.audioAt(sampleRate), Pcm.toBytes(pending, offset, n));
        offset += n;
        done = offset >= pending.length;
        return frame;
    }

    boolean started() {
        return pending != null;
    }
}
