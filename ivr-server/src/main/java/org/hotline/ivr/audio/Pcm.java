package org.hotline.ivr.audio;

/** Conversions between AudioSocket's little-endian 16-bit bytes and samples. */
public final class Pcm {

    private Pcm() {
    }

    public static short[] toSamples(byte[] littleEndian) {
        short[] samples = new short[littleEndian.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((littleEndian[2 * i] & 0xff) | (littleEndian[2 * i + 1] << 8));
        }
        return samples;
    }

    public static byte[] toBytes(short[] samples, int offset, int length) {
        byte[] bytes = new byte[length * 2];
        for (int i = 0; i < length; i++) {
            short s = samples[offset + i];
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
        }
        return bytes;
    }

    public static byte[] toBytes(short[] samples) {
        return toBytes(samples, 0, samples.length);
    }
}
