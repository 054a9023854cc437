package org.hotline.ivr.flow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Test speech: a tone the length of a short sentence, as an 8 kHz WAV the simulator can stream. */
final class Wavs {

    private Wavs() {
    }

    static Path tone(Path dir, double seconds) throws IOException {
        int samples = (int) (8000 * seconds);
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        Path wav = dir.resolve("caller.wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), new javax.sound.sampled.AudioFormat(8000f, 16, 1, true, false), samples)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }
        return wav;
    }
}
