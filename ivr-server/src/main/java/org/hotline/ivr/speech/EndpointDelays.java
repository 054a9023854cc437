package org.hotline.ivr.speech;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.hotline.ivr.audio.WavAudio;

/** How long after the last word our endpointing decides the caller has finished, in audio time. */
final class EndpointDelays {

    private EndpointDelays() {
    }

    static void report(PrintWriter out, List<WavAudio> samples, Duration endSilence) {
        for (double noise : new double[] {Double.NaN, -50, -42}) {
            List<Long> delays = new ArrayList<>();
            int missed = 0;
            for (WavAudio sample : samples) {
                long delay = delay(sample, noise, endSilence);
                if (delay < 0) {
                    missed++;
                } else {
                    delays.add(delay);
                }
            }
            delays.sort(null);
            String line = delays.isEmpty() ? "none detected" : String.format(Locale.ROOT,
                    "min %d ms, median %d ms, max %d ms", delays.get(0), delays.get(delays.size() / 2),
                    delays.get(delays.size() - 1));
            out.printf(Locale.ROOT, "end of speech detected after the last word (endSilence %d ms, %s): %s; %d of %d missed%n",
                    endSilence.toMillis(), Double.isNaN(noise) ? "clean" : "white noise at " + (int) noise + " dBFS",
                    line, missed, samples.size());
        }
    }

    /** Audio time from the end of the utterance to the SPEECH_ENDED decision, or -1 if none came. */
    private static long delay(WavAudio sample, double noiseDbfs, Duration endSilence) {
        int lead = 8000;
        short[] audio = new short[lead + sample.samples().length + 8000 * 2 + (int) endSilence.toMillis() * 8];
        System.arraycopy(sample.samples(), 0, audio, lead, sample.samples().length);
        if (!Double.isNaN(noiseDbfs)) {
            Random random = new Random(42);
            double sigma = 32768 * Math.pow(10, noiseDbfs / 20);
            for (int i = 0; i < audio.length; i++) {
                audio[i] = (short) Math.max(-32768, Math.min(32767, Math.round(audio[i] + random.nextGaussian() * sigma)));
            }
        }
        EndpointDetector detector = new EndpointDetector(8000, EndpointSettings.description(endSilence, Duration.ofSeconds(5)));
        long trueEnd = (lead + sample.samples().length) / 8;
        for (int i = 0; i + 160 <= audio.length; i += 160) {
            if (detector.accept(java.util.Arrays.copyOfRange(audio, i, i + 160)) == EndpointDetector.Event.SPEECH_ENDED) {
                return detector.elapsedMillis() - trueEnd;
            }
        }
        return -1;
    }
}
