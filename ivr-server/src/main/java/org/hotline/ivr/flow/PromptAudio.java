package org.hotline.ivr.flow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Telephone audio files: 8 kHz, 16-bit, mono WAV, which Asterisk plays without transcoding surprises. */
final class PromptAudio {

    static final AudioFormat SLIN8 = new AudioFormat(8000f, 16, 1, true, false);

    private PromptAudio() {
    }

    static void write(Path wav, short[] samples) throws IOException {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        Files.createDirectories(wav.toAbsolutePath().getParent());
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), SLIN8, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }
    }

    /** A quiet two-tone beep: a prompt that exists but has no words yet. */
    static short[] beep() {
        short[] samples = new short[8000 * 6 / 10];
        for (int i = 0; i < samples.length; i++) {
            double hz = i < samples.length / 2 ? 440 : 660;
            samples[i] = (short) (4000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return samples;
    }

    /** Reads a 16-bit mono WAV of any rate and brings it to 8 kHz. */
    static short[] read8k(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat format = in.getFormat();
            if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16) {
                throw new IOException(wav + ": expected 16-bit mono, got " + format);
            }
            AudioFormat pcmFormat = new AudioFormat(format.getSampleRate(), 16, 1, true, false);
            byte[] pcm = AudioSystem.getAudioInputStream(pcmFormat, in).readAllBytes();
            short[] samples = new short[pcm.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            }
            return resample(samples, format.getSampleRate(), 8000f);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + " is not a WAV file: " + e.getMessage(), e);
        }
    }

    /**
     * Windowed-sinc resampling, low-passed below the lower Nyquist rate so speech synthesized at 22.05 kHz
     * does not alias into the telephone band.
     */
    static short[] resample(short[] in, float fromRate, float toRate) {
        if (fromRate == toRate) {
            return in;
        }
        double ratio = fromRate / toRate;
        double cutoff = Math.min(1.0, toRate / fromRate) * 0.9;
        double reach = 16 * Math.max(1.0, ratio);
        short[] out = new short[(int) (in.length / ratio)];
        for (int n = 0; n < out.length; n++) {
            double center = n * ratio;
            double sum = 0;
            int first = Math.max(0, (int) Math.ceil(center - reach));
            int last = Math.min(in.length - 1, (int) Math.floor(center + reach));
            for (int k = first; k <= last; k++) {
                double x = (k - center) * cutoff;
                double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
                double window = 0.5 + 0.5 * Math.cos(Math.PI * (k - center) / reach);
                sum += in[k] * sinc * window * cutoff;
            }
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return out;
    }
}
