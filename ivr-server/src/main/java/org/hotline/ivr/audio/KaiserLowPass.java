package org.hotline.ivr.audio;

/** Linear-phase low-pass FIR design: windowed sinc with a Kaiser window (Kaiser's formulas for length and beta). */
final class KaiserLowPass {

    private KaiserLowPass() {
    }

    /** Unity-gain taps passing up to {@code passHz}, at least {@code attenuationDb} down from {@code stopHz}. */
    static double[] design(double passHz, double stopHz, double rate, double attenuationDb) {
        double transition = 2 * Math.PI * (stopHz - passHz) / rate;
        int length = (int) Math.ceil((attenuationDb - 7.95) / (2.285 * transition)) + 1;
        length |= 1;
        double beta = attenuationDb > 50 ? 0.1102 * (attenuationDb - 8.7)
                : 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        double cutoff = (passHz + stopHz) / 2 / rate;
        double[] taps = new double[length];
        double middle = (length - 1) / 2.0;
        double norm = besselI0(beta);
        double sum = 0;
        for (int n = 0; n < length; n++) {
            double x = n - middle;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double ratio = x / middle;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / norm;
            taps[n] = sinc * window;
            sum += taps[n];
        }
        for (int n = 0; n < length; n++) {
            taps[n] /= sum;
        }
        return taps;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 64; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < sum * 1e-16) {
                break;
            }
        }
        return sum;
    }
}
