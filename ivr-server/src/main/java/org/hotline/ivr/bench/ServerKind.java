package org.hotline.ivr.bench;

import java.util.Locale;

/** The FastAGI servers the benchmark compares. */
public enum ServerKind {
    /** This project's FastAGI server on Netty: a call is a chain of stages, no thread per call. */
    NETTY("netty"),
    /** asterisk-java's DefaultAgiServer: a thread from a pool for each call, blocking I/O. */
    ASTERISK_JAVA("asterisk-java"),
    /** The floor: a bare Netty line server of the same conversation ({@link FloorServer}), no AGI code at all. */
    FLOOR("floor");

    private final String label;

    ServerKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ServerKind of(String label) {
        for (ServerKind kind : values()) {
            if (kind.label.equals(label.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server '" + label + "' (netty, asterisk-java or floor)");
    }
}
