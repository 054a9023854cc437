package org.hotline.ivr.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a recording a process crash left open a valid WAV again. {@link WavRecorder} brings the header's sizes up
 * to date once a second, so after a kill -9 the header may lag the audio on disk by up to a second, and the last
 * frame may be torn. The repair keeps every whole 20 ms frame on disk, cuts a torn tail, and writes the sizes.
 * Only files with {@link WavRecorder}'s layout (44-byte header, PCM mono 16-bit, data chunk first) are touched.
 */
public final class WavRepair {

    private static final int HEADER = 44;
    private static final int RIFF = 0x46464952;
    private static final int WAVE = 0x45564157;
    private static final int DATA = 0x61746164;

    /** What the repair found: the file was already whole, was repaired (audio bytes kept), or is not ours. */
    public enum Result { WHOLE, REPAIRED, NOT_OURS }

    private WavRepair() {
    }

    public static Result repair(Path wav) throws IOException {
        try (FileChannel file = FileChannel.open(wav, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = file.size();
            if (size < HEADER) {
                return Result.NOT_OURS;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && file.read(header, header.position()) > 0) {
                // read the whole header
            }
            if (header.getInt(0) != RIFF || header.getInt(8) != WAVE || header.getShort(20) != 1
                    || header.getShort(22) != 1 || header.getShort(34) != 16 || header.getInt(36) != DATA) {
                return Result.NOT_OURS;
            }
            int sampleRate = header.getInt(24);
            long frameBytes = Math.max(2, sampleRate * 2L / 50);
            long onDisk = size - HEADER;
            long whole = onDisk - onDisk % frameBytes;
            if (Integer.toUnsignedLong(header.getInt(40)) == whole && Integer.toUnsignedLong(header.getInt(4)) == 36 + whole
                    && onDisk == whole) {
                return Result.WHOLE;
            }
            file.truncate(HEADER + whole);
            ByteBuffer sizes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            sizes.putInt(0, (int) (36 + whole));
            file.write(sizes, 4);
            sizes.clear();
            sizes.putInt(0, (int) whole);
            file.write(sizes, 40);
            file.force(false);
            return Result.REPAIRED;
        }
    }
}
