package org.hotline.ivr.flow;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listening end of AudioSocket as a recognizer would hold it: reads frames and closes the stream at end
 * of speech (a run of silent frames) or when the caller hangs up. Notes each stream's uuid and audio length.
 */
final class AudioSocketSink implements AutoCloseable {

    /** One stream as received. */
    record Stream(boolean callerHungUp, int audioBytes) {
    }

    static final int SILENT_FRAMES_TO_END = 25;

    private final ServerSocket server;
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    AudioSocketSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "audiosocket-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Stream> streams() {
        return streams;
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                streams.add(read(new DataInputStream(socket.getInputStream())));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static Stream read(DataInputStream in) throws IOException {
        int audio = 0;
        int silent = 0;
        while (true) {
            int kind = in.read();
            if (kind < 0) {
                return new Stream(true, audio);
            }
            byte[] payload = new byte[in.readUnsignedShort()];
            in.readFully(payload);
            if (kind == 0x00) {
                return new Stream(true, audio);
            }
            if (kind == 0x10) {
                boolean quiet = isSilent(payload);
                silent = quiet ? silent + 1 : 0;
                audio += quiet ? 0 : payload.length;
                if (silent >= SILENT_FRAMES_TO_END) {
                    return new Stream(false, audio);
                }
            }
        }
    }

    private static boolean isSilent(byte[] frame) {
        for (byte b : frame) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
