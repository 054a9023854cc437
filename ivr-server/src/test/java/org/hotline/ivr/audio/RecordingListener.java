package org.hotline.ivr.audio;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A listener that keeps what it hears, for codec and server tests. */
final class RecordingListener implements AudioStreamListener {

    final CompletableFuture<AudioStreamControl> opened = new CompletableFuture<>();
    final CompletableFuture<StreamEnd> ended = new CompletableFuture<>();
    final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    final StringBuffer digits = new StringBuffer();
    volatile int sampleRate;

    @Override
    public void opened(AudioStreamControl control) {
        opened.complete(control);
    }

    @Override
    public synchronized void audio(int rate, byte[] pcm) {
        sampleRate = rate;
        audio.writeBytes(pcm);
    }

    @Override
    public void dtmf(char digit) {
        digits.append(digit);
    }

    @Override
    public void ended(StreamEnd end) {
        ended.complete(end);
    }

    StreamEnd awaitEnd() throws Exception {
        return ended.get(5, TimeUnit.SECONDS);
    }

    synchronized int audioBytes() {
        return audio.size();
    }
}
