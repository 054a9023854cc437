package org.hotline.ivr.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a mono 16-bit WAV file as audio arrives: each frame goes straight to the file (the operating
 * system's cache, not a buffer of ours), and the header's sizes are brought up to date every second, so
 * a crash or an abrupt hang-up still leaves a playable file with everything received.
 */
public final class WavRecorder implements AutoCloseable {

    private static final int HEADER = 44;

    private final Path file;
    private final FileChannel channel;
    private final int sampleRate;
    private final int headerEveryBytes;
    private long dataBytes;
    private long sinceHeader;
    private boolean closed;

    private WavRecorder(Path file, FileChannel channel, int sampleRate) {
        this.file = file;
        this.channel = channel;
        this.sampleRate = sampleRate;
        this.headerEveryBytes = sampleRate * 2;
    }

    /** Creates {@code file} (and its directory); fails if it exists rather than overwrite a recording. */
    public static WavRecorder create(Path file, int sampleRate) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        WavRecorder recorder = new WavRecorder(file, channel, sampleRate);
        recorder.writeHeader();
        return recorder;
    }

    public void write(byte[] pcm) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(pcm);
        while (buffer.hasRemaining()) {
            channel.write(buffer, HEADER + dataBytes + buffer.position());
        }
        dataBytes += pcm.length;
        sinceHeader += pcm.length;
        if (sinceHeader >= headerEveryBytes) {
            writeHeader();
            sinceHeader = 0;
        }
    }

    public Path file() {
        return file;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public long durationMillis() {
        return dataBytes * 1000 / (2L * sampleRate);
    }

    private void writeHeader() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x46464952).putInt((int) (36 + dataBytes)).putInt(0x45564157)
                .putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .putInt(0x61746164).putInt((int) dataBytes).flip();
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
    }

    /** Final sizes, then flushed to disk. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writeHeader();
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
