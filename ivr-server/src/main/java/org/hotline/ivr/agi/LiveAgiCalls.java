package org.hotline.ivr.agi;

import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The FastAGI calls open on this node, by {@code agi_uniqueid}, so that a call Asterisk has hung up but whose
 * socket is still open (no HANGUP line, a half-dead connection) can be ended from outside: closing its socket
 * is what a goodbye would have done, so the script's usual hang-up path runs (leaves the queue, frees a
 * reserved seat, closes the journey).
 */
public final class LiveAgiCalls {

    private static final Logger log = LoggerFactory.getLogger(LiveAgiCalls.class);

    private record Live(String channelName, Channel socket, Instant since) {
    }

    private final Map<String, Live> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public LiveAgiCalls(Clock clock) {
        this.clock = clock;
    }

    void opened(String uniqueId, String channelName, Channel socket) {
        byId.put(uniqueId, new Live(channelName, socket, clock.instant()));
        socket.closeFuture().addListener(f -> byId.remove(uniqueId));
    }

    public boolean isOpen(String uniqueId) {
        return byId.containsKey(uniqueId);
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public Set<String> ids() {
        return Set.copyOf(byId.keySet());
    }

    /**
     * Closes the call with this unique id, or else the one on channel {@code channelName} or on the other half of
     * that Local channel ({@code Local/x@ctx-0001;2} for a call on {@code ...;1}: one half gone, the call is gone);
     * false if none is open here.
     */
    public boolean end(String uniqueId, String channelName, String why) {
        String id = byId.containsKey(uniqueId) ? uniqueId : byId.entrySet().stream()
                .filter(e -> sameChannel(e.getValue().channelName(), channelName))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        Live live = id == null ? null : byId.get(id);
        if (live == null) {
            return false;
        }
        MDC.put("callId", id);
        try {
            log.info("ending call whose AGI link outlived it: {}", why);
        } finally {
            MDC.remove("callId");
        }
        live.socket().close();
        return true;
    }

    static boolean sameChannel(String callChannel, String hungUp) {
        if (hungUp == null || hungUp.isEmpty() || callChannel == null) {
            return false;
        }
        if (callChannel.equals(hungUp)) {
            return true;
        }
        return callChannel.startsWith("Local/") && hungUp.startsWith("Local/") && callChannel.length() == hungUp.length()
                && callChannel.length() > 2 && callChannel.regionMatches(0, hungUp, 0, callChannel.length() - 1)
                && callChannel.matches(".*;[12]") && hungUp.matches(".*;[12]");
    }

    /** Ends every call opened before {@code before} whose id is not in {@code alive}; returns their ids. */
    public List<String> endAllExcept(Set<String> alive, Instant before, String why) {
        List<String> ended = new ArrayList<>();
        byId.forEach((id, live) -> {
            if (!alive.contains(id) && live.since().isBefore(before) && end(id, null, why)) {
                ended.add(id);
            }
        });
        return ended;
    }
}
