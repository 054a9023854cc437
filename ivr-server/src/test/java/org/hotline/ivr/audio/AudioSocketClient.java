package org.hotline.ivr.audio;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.UUID;

/** A bare TCP peer for tests: writes raw AudioSocket bytes, as Asterisk would (or wouldn't). */
public final class AudioSocketClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    public AudioSocketClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    public AudioSocketClient frame(int kind, byte[] payload) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(3 + payload.length);
        buffer.put((byte) kind).putShort((short) payload.length).put(payload);
        out.write(buffer.array());
        out.flush();
        return this;
    }

    public AudioSocketClient uuid(UUID uuid) throws IOException {
        return frame(0x01, AudioSocketFrame.uuid(uuid).payload());
    }

    public AudioSocketClient audio(short[] samples) throws IOException {
        return frame(0x10, Pcm.toBytes(samples));
    }

    public AudioSocketClient dtmf(char digit) throws IOException {
        return frame(0x03, new byte[] {(byte) digit});
    }

    public AudioSocketClient hangup() throws IOException {
        return frame(0x00, new byte[0]);
    }

    public void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** True when the server closes the connection within the read timeout. */
    /** True when the server ended the stream with a FIN; false on a timeout; throws on a reset. */
    public boolean readsEndOfStream() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads one frame the server sent. */
    public AudioSocketFrame read() throws IOException {
        int kind = in.readUnsignedByte();
        byte[] payload = new byte[in.readUnsignedShort()];
        in.readFully(payload);
        return new AudioSocketFrame(AudioSocketKind.of(kind), payload);
    }

    /**
     * Sends {@code samples} as 20 ms frames until done or the server closes the connection (as it does
     * at the end of a description); returns how many samples were sent.
     */
    public int stream(short[] samples, int rate) {
        int size = rate / 50;
        int sent = 0;
        try {
            for (int i = 0; i + size <= samples.length; i += size) {
                audio(java.util.Arrays.copyOfRange(samples, i, i + size));
                sent += size;
            }
        } catch (IOException e) {
            return sent;
        }
        return sent;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
