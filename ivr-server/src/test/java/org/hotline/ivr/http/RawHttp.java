package org.hotline.ivr.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand over a plain TCP socket, for what a well-behaved client library will not send: WebSocket
 * upgrades with chosen headers, oversized request lines and headers, garbage, idle connections.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} as is and returns the status code of the answer (-1 if the server closed first). */
    static int status(int port, String request) throws IOException {
        String answer = exchange(port, request);
        return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
    }

    /** The head of the answer (status line and headers) to {@code request}. */
    static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return head(socket.getInputStream());
        }
    }

    /** A GET of {@code path} with {@code more} header lines (each ending in CRLF), closing after the answer. */
    static String get(String path, String more) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + more + "\r\n";
    }

    static String upgrade(String path, String more) {
        return get(path, "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + more).replace("Connection: close\r\n", "");
    }

    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            out.write(b);
            String text = out.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
