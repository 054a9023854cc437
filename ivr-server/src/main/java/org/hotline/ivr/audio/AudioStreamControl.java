package org.hotline.ivr.audio;

import java.net.SocketAddress;
import java.util.UUID;

/** The server side of one connected stream. */
public interface AudioStreamControl {

    UUID uuid();

    SocketAddress peer();

    /** Sends a frame to Asterisk (audio to play to the caller). */
    void send(AudioSocketFrame frame);

    /** Closes the socket, which makes Asterisk's {@code AudioSocket} application return. */
    void close();
}
