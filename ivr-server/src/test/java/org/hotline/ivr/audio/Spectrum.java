package org.hotline.ivr.audio;

/** Measuring tones in test signals: a Hann-windowed Goertzel amplitude and a band-energy DFT. */
final class Spectrum {

    private Spectrum() {
    }

    /** Amplitude of the {@code hz} component of {@code x[from, from+n)}, in sample units. */
    static double amplitude(short[] x, int from, int n, double rate, double hz) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            windowSum += hann;
            double s = x[from + i] * hann + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / windowSum;
    }

    /** Largest amplitude over every 10 Hz between {@code lowHz} and {@code highHz}. */
    static double peakAmplitude(short[] x, int from, int n, double rate, double lowHz, double highHz) {
        double peak = 0;
        for (double hz = lowHz; hz <= highHz; hz += 10) {
            peak = Math.max(peak, amplitude(x, from, n, rate, hz));
        }
        return peak;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    static short[] sine(double hz, double amplitude, int rate, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    /** Runs {@code input} through {@code resampler} in chunks of {@code chunk}, as a stream would. */
    static short[] streamThrough(Resampler resampler, short[] input, int chunk) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < input.length; i += chunk) {
            short[] part = java.util.Arrays.copyOfRange(input, i, Math.min(input.length, i + chunk));
            out.writeBytes(Pcm.toBytes(resampler.process(part)));
        }
        return Pcm.toSamples(out.toByteArray());
    }
}
