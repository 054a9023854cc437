package org.hotline.ivr.sim;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Telephone audio from a WAV file: 8 kHz, 16-bit signed little-endian, mono, as AudioSocket carries it. */
public final class WavAudio {

    public static final AudioFormat SLIN8 = new AudioFormat(8000f, 16, 1, true, false);

    private WavAudio() {
    }

    /** The file's samples as slin8 bytes; other sample rates or channel counts are refused clearly. */
    public static byte[] readSlin8(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat format = in.getFormat();
            if (format.getSampleRate() != 8000f || format.getChannels() != 1) {
                throw new IOException(wav + ": " + format + "; the simulator streams 8 kHz mono WAV files"
                        + " (convert with: sox IN -r 8000 -c 1 -b 16 OUT.wav)");
            }
            try (AudioInputStream pcm = AudioSystem.getAudioInputStream(SLIN8, in)) {
                return pcm.readAllBytes();
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + " is not a WAV file Java can read: " + e.getMessage(), e);
        }
    }
}
