package org.hotline.ivr.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads 16-bit PCM WAV files (mono, or stereo mixed down). A data chunk whose size was never filled
 * in (a recording cut short by a crash) is read to the end of the file.
 */
public final class WavReader {

    private WavReader() {
    }

    /**
     * The file's samples as AudioSocket carries them (slin: 8 kHz, signed 16-bit little-endian, mono); another
     * sample rate is refused, naming the conversion, since resampling here would hide a wrongly made test file.
     */
    public static byte[] readSlin8(Path file) throws IOException {
        WavAudio audio = read(file);
        if (audio.sampleRate() != 8000) {
            throw new IOException(file + ": " + audio.sampleRate() + " Hz; AudioSocket carries 8 kHz mono"
                    + " (convert with: sox IN -r 8000 -c 1 -b 16 OUT.wav)");
        }
        ByteBuffer out = ByteBuffer.allocate(audio.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : audio.samples()) {
            out.putShort(sample);
        }
        return out.array();
    }

    public static WavAudio read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 12 || in.getInt(0) != 0x46464952 || in.getInt(8) != 0x45564157) {
            throw new IOException(file + ": not a WAV file (no RIFF/WAVE header)");
        }
        in.position(12);
        int channels = 0;
        int rate = 0;
        while (in.remaining() >= 8) {
            int id = in.getInt();
            long size = Integer.toUnsignedLong(in.getInt());
            if (id == 0x20746d66) {
                channels = checkFormat(file, in.slice().order(ByteOrder.LITTLE_ENDIAN));
                rate = in.getInt(in.position() + 4);
            } else if (id == 0x61746164) {
                if (channels == 0) {
                    throw new IOException(file + ": data chunk before the fmt chunk");
                }
                int length = (int) Math.min(size == 0 ? Long.MAX_VALUE : size, in.remaining());
                return new WavAudio(rate, samples(in, length, channels));
            }
            in.position((int) Math.min(in.limit(), in.position() + size + (size & 1)));
        }
        throw new IOException(file + ": no data chunk");
    }

    private static int checkFormat(Path file, ByteBuffer fmt) throws IOException {
        int format = fmt.getShort(0) & 0xffff;
        int channels = fmt.getShort(2);
        int bits = fmt.getShort(14);
        if ((format != 1 && format != 0xfffe) || bits != 16) {
            throw new IOException(file + ": only 16-bit PCM WAV is supported (format " + format + ", " + bits + " bits)");
        }
        if (channels < 1 || channels > 2) {
            throw new IOException(file + ": " + channels + " channels (mono or stereo only)");
        }
        return channels;
    }

    private static short[] samples(ByteBuffer in, int length, int channels) {
        short[] out = new short[length / (2 * channels)];
        int base = in.position();
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += in.getShort(base + 2 * (i * channels + c));
            }
            out[i] = (short) (sum / channels);
        }
        return out;
    }
}
