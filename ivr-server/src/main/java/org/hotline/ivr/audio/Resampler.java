package org.hotline.ivr.audio;

/**
 * Streaming rational sample-rate converter (L/M polyphase FIR). The prototype low-pass is a
 * Kaiser-windowed sinc designed at the upsampled rate: flat to 85% of the lower Nyquist frequency and
 * at least {@value #STOPBAND_DB} dB down from that Nyquist frequency on, so upsampling 8 kHz telephone
 * audio leaves no images above 4 kHz and downsampling leaves no aliases. Not thread-safe: one per stream.
 */
public final class Resampler {

    static final double STOPBAND_DB = 75;
    private static final double PASS_FRACTION = 0.85;

    private final int up;
    private final int down;
    private final int tapsPerPhase;
    private final double[][] phases;
    private double[] history;
    private int historyLength;
    private long inputCount;
    private long nextTime;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        int gcd = gcd(inRate, outRate);
        this.up = outRate / gcd;
        this.down = inRate / gcd;
        double nyquist = Math.min(inRate, outRate) / 2.0;
        double upsampledRate = (double) inRate * up;
        double[] prototype = KaiserLowPass.design(nyquist * PASS_FRACTION, nyquist, upsampledRate, STOPBAND_DB);
        this.tapsPerPhase = (prototype.length + up - 1) / up;
        this.phases = new double[up][tapsPerPhase];
        for (int k = 0; k < prototype.length; k++) {
            phases[k % up][k / up] = prototype[k] * up;
        }
        this.history = new double[Math.max(64, tapsPerPhase * 2)];
    }

    /** The samples at the output rate that {@code input} (following all earlier input) yields. */
    public short[] process(short[] input) {
        append(input);
        int capacity = (int) ((inputCount * up - nextTime) / down) + 2;
        short[] out = new short[Math.max(0, capacity)];
        int produced = 0;
        long firstInHistory = inputCount - historyLength;
        while (nextTime / up < inputCount) {
            long newest = nextTime / up;
            double[] taps = phases[(int) (nextTime % up)];
            double sum = 0;
            for (int i = 0; i < tapsPerPhase; i++) {
                long j = newest - i;
                if (j < firstInHistory) {
                    break;
                }
                sum += taps[i] * history[(int) (j - firstInHistory)];
            }
            out[produced++] = clip(sum);
            nextTime += down;
        }
        trim();
        return produced == out.length ? out : java.util.Arrays.copyOf(out, produced);
    }

    /** Input samples by which the output lags (the filter's group delay). */
    public double delayInputSamples() {
        return (tapsPerPhase * up - 1) / 2.0 / up;
    }

    int tapsPerPhase() {
        return tapsPerPhase;
    }

    private void append(short[] input) {
        if (historyLength + input.length > history.length) {
            history = java.util.Arrays.copyOf(history, Math.max(history.length * 2, historyLength + input.length));
        }
        for (short s : input) {
            history[historyLength++] = s;
        }
        inputCount += input.length;
    }

    /** Keeps only the samples the next output can still reach. */
    private void trim() {
        long oldestNeeded = nextTime / up - (tapsPerPhase - 1);
        long firstInHistory = inputCount - historyLength;
        int drop = (int) Math.max(0, Math.min(historyLength, oldestNeeded - firstInHistory));
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, historyLength - drop);
            historyLength -= drop;
        }
    }

    private static short clip(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
