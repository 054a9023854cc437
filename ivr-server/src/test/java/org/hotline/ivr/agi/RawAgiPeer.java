package org.hotline.ivr.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A bare TCP peer playing Asterisk line by line, so tests control every byte the server sees. */
final class RawAgiPeer implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    RawAgiPeer(int port) throws IOException {
        this(InetAddress.getLoopbackAddress(), port);
    }

    RawAgiPeer(InetAddress address, int port) throws IOException {
        socket = new Socket(address, port);
        socket.setSoTimeout(5000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    RawAgiPeer sendEnvironment(String script, String uniqueId, String... args) throws IOException {
        StringBuilder env = new StringBuilder()
                .append("agi_network: yes\n")
                .append("agi_network_script: ").append(script).append('\n')
                .append("agi_request: agi://127.0.0.1/").append(script).append('\n')
                .append("agi_channel: PJSIP/trunk-00000001\n")
                .append("agi_language: zh\n")
                .append("agi_uniqueid: ").append(uniqueId).append('\n')
                .append("agi_version: 22.10.1\n")
                .append("agi_callerid: 13800138000\n")
                .append("agi_context: ivr-in\n")
                .append("agi_extension: 12345\n");
        for (int i = 0; i < args.length; i++) {
            env.append("agi_arg_").append(i + 1).append(": ").append(args[i]).append('\n');
        }
        return write(env.append('\n').toString());
    }

    RawAgiPeer write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    RawAgiPeer write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    String readLine() throws IOException {
        return in.readLine();
    }

    /** True if the server closed the connection within the socket timeout. */
    boolean closedByServer() throws IOException {
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

    void setTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
