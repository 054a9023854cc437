package org.hotline.ivr.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static final double AMPLITUDE = 10_000;

    @Test
    void upsamplingTelephoneAudioKeepsThePassbandFlatAndLeavesNoImagesAbove4kHz() {
        for (int hz = 100; hz <= 3400; hz += 100) {
            short[] in = Spectrum.sine(hz, AMPLITUDE, 8000, 8000);
            short[] out = Spectrum.streamThrough(new Resampler(8000, 16000), in, 160);
            assertThat(out).hasSize(16000);
            int from = 1000;
            int n = 12_000;
            double gainDb = Spectrum.db(Spectrum.amplitude(out, from, n, 16000, hz) / AMPLITUDE);
            assertThat(gainDb).as("passband gain at %d Hz", hz).isBetween(-0.1, 0.1);
            double imageDb = Spectrum.db(Spectrum.amplitude(out, from, n, 16000, 8000 - hz) / AMPLITUDE);
            assertThat(imageDb).as("image of %d Hz at %d Hz", hz, 8000 - hz).isLessThan(-65);
        }
    }

    @Test
    void nothingAbove4kHzAnywhereInTheUpsampledSweep() {
        short[] sweep = new short[8000 * 2];
        double phase = 0;
        for (int i = 0; i < sweep.length; i++) {
            double hz = 100 + 3300.0 * i / sweep.length;
            phase += 2 * Math.PI * hz / 8000;
            sweep[i] = (short) Math.round(AMPLITUDE * Math.sin(phase));
        }
        short[] out = Spectrum.streamThrough(new Resampler(8000, 16000), sweep, 160);
        for (int from = 1000; from + 4000 <= out.length; from += 4000) {
            double above = Spectrum.peakAmplitude(out, from, 4000, 16000, 4100, 7900);
            assertThat(Spectrum.db(above / AMPLITUDE)).as("energy above 4 kHz in block at %d", from).isLessThan(-60);
        }
    }

    @Test
    void downsamplingRemovesWhatWouldAliasIntoTheTelephoneBand() {
        short[] in = Spectrum.sine(5000, AMPLITUDE, 16000, 16000);
        short[] out = Spectrum.streamThrough(new Resampler(16000, 8000), in, 320);
        assertThat(out).hasSize(8000);
        double alias = Spectrum.amplitude(out, 500, 7000, 8000, 3000);
        assertThat(Spectrum.db(alias / AMPLITUDE)).isLessThan(-65);
    }

    @Test
    void convertsOddRatesSuchAsCdAudioToSixteenKilohertz() {
        short[] in = Spectrum.sine(1000, AMPLITUDE, 44_100, 44_100);
        short[] out = Spectrum.streamThrough(new Resampler(44_100, 16_000), in, 882);
        assertThat(out.length).isBetween(15_999, 16_000);
        double gainDb = Spectrum.db(Spectrum.amplitude(out, 2000, 12_000, 16000, 1000) / AMPLITUDE);
        assertThat(gainDb).isBetween(-0.1, 0.1);
    }

    @Test
    void chunkSizeDoesNotChangeTheOutput() {
        short[] in = Spectrum.sine(440, AMPLITUDE, 8000, 4000);
        assertThat(Spectrum.streamThrough(new Resampler(8000, 16000), in, 160))
                .isEqualTo(Spectrum.streamThrough(new Resampler(8000, 16000), in, 37));
    }
}
