package org.hotline.ivr.audio;

/** Mono 16-bit audio read from a WAV file. */
public record WavAudio(int sampleRate, short[] samples) {

    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
