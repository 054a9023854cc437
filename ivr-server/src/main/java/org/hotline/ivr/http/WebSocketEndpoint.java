package org.hotline.ivr.http;

import io.netty.handler.codec.http.FullHttpResponse;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A WebSocket path. The upgrade request is shown to {@link #admit} first (cookies, Origin, remote address),
 * and only an admitted request gets the handshake; a refused one gets the response the endpoint chose.
 * Text frames only; the endpoint never sees Netty frames or buffers.
 */
@FunctionalInterface
public interface WebSocketEndpoint {

    /** Decides on the upgrade; may complete on any thread. */
    CompletionStage<Admission> admit(WebRequest upgrade);

    /** One open socket, as its endpoint sees it. Calls come from the socket's event loop, one at a time. */
    interface Listener {
        void opened(Peer peer);

        void received(String text);

        void closed();
    }

    /** The other end of one open socket; safe to use from any thread. */
    interface Peer {
        void send(String text);

        void close();

        boolean open();
    }

    /** Either a listener for the new socket or the HTTP response that refuses it. */
    record Admission(Listener listener, FullHttpResponse refusal) {
        public static Admission accept(Listener listener) {
            return new Admission(Objects.requireNonNull(listener), null);
        }

        public static Admission refuse(FullHttpResponse refusal) {
            return new Admission(null, Objects.requireNonNull(refusal));
        }

        public boolean accepted() {
            return listener != null;
        }
    }
}
