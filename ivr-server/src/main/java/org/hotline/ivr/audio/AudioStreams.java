package org.hotline.ivr.audio;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams this node is waiting for, by uuid. Whoever issues {@code EXEC AudioSocket <uuid>,...}
 * registers a listener first; the connection that announces that uuid claims it (once: a uuid is
 * never served twice). A connection announcing a uuid nobody expects is refused.
 */
public final class AudioStreams {

    private final Map<UUID, AudioStreamListener> expected = new ConcurrentHashMap<>();

    /** Registers {@code listener} for the stream that will announce {@code uuid}. */
    public void expect(UUID uuid, AudioStreamListener listener) {
        if (expected.putIfAbsent(uuid, listener) != null) {
            throw new IllegalStateException("stream " + uuid + " is already expected");
        }
    }

    /** Gives up waiting for {@code uuid}; true when it had not connected yet. */
    public boolean withdraw(UUID uuid, AudioStreamListener listener) {
        return expected.remove(uuid, listener);
    }

    /** The listener for a connection announcing {@code uuid}, removed from the waiting list, or null. */
    AudioStreamListener claim(UUID uuid) {
        return expected.remove(uuid);
    }

    public int waiting() {
        return expected.size();
    }
}
