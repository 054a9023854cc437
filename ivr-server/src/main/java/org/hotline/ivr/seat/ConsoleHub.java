package org.hotline.ivr.seat;

import org.hotline.ivr.ops.Json;
import io.netty.util.concurrent.DefaultThreadFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.http.WebSocketEndpoint.Peer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consoles open on this node. Whatever changes a seat, on any node, arrives as a seat event; the hub then
 * sends that seat's browsers a fresh {@code screen} message, so a reconnecting browser and a second tab see the
 * same thing. Transcript lines of a popped call go straight to its seat. Once a second it also looks at the
 * seats it serves, so a change nobody announced (the distributor assigning a call, a wrap-up timer) still reaches
 * the screen, and ends wrap-ups that are due where the seat store leaves that to the console.
 */
final class ConsoleHub implements SeatEvents.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleHub.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final Map<String, Set<Peer>> peersBySeat = new ConcurrentHashMap<>();
    private final Map<String, String> seatByCall = new ConcurrentHashMap<>();
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
    private final ScreenPopView view;
    private final SeatStates states;
    private final SeatEvents events;
    private final Duration wrapUp;
    private final Executor io;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("console-wrapup", true));

    ConsoleHub(ScreenPopView view, SeatStates states, SeatEvents events, Duration wrapUp, Executor io) {
        this.view = view;
        this.states = states;
        this.events = events;
        this.wrapUp = wrapUp;
        this.io = io;
        ticker.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    }

    void join(String seatId, Peer peer) {
        peersBySeat.computeIfAbsent(seatId, id -> ConcurrentHashMap.newKeySet()).add(peer);
        io.execute(() -> refresh(seatId));
    }

    void leave(String seatId, Peer peer) {
        peersBySeat.computeIfPresent(seatId, (id, peers) -> {
            peers.remove(peer);
            return peers.isEmpty() ? null : peers;
        });
        if (!peersBySeat.containsKey(seatId)) {
            lastSeen.remove(seatId);
        }
    }

    /** Closes every socket of a seat (it logged out). */
    void disconnect(String seatId) {
        Set<Peer> peers = peersBySeat.remove(seatId);
        if (peers != null) {
            peers.forEach(Peer::close);
        }
    }

    @Override
    public void seatChanged(String seatId, String what) {
        if (peersBySeat.containsKey(seatId)) {
            io.execute(() -> refresh(seatId));
        }
    }

    @Override
    public void transcript(String callId, String json) {
        String seatId = seatByCall.get(callId);
        if (seatId == null) {
            return;
        }
        try {
            JsonNode line = JSON.readTree(json);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "transcript");
            message.put("callId", callId);
            message.put("kind", line.path("kind").asText("partial"));
            message.put("text", line.path("text").asText(""));
            if (line.hasNonNull("missing")) {
                // a final without text says why (no speech model ...) and whether the recording was kept
                message.put("missing", line.path("missing").asText());
                message.put("recordingKept", line.path("recordingKept").asBoolean(false));
            }
            send(seatId, message);
        } catch (JsonProcessingException e) {
            log.debug("transcript of call {} is not JSON; ignored", callId);
        }
    }

    private void refresh(String seatId) {
        try {
            Map<String, Object> screen = view.screen(seatId);
            trackCall(seatId, screen);
            send(seatId, screen);
        } catch (RuntimeException e) {
            log.warn("screen of seat {} not refreshed: {}", seatId, e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private void trackCall(String seatId, Map<String, Object> screen) {
        seatByCall.values().removeIf(seatId::equals);
        Map<String, Object> pop = (Map<String, Object>) screen.get("pop");
        if (pop != null) {
            seatByCall.put((String) pop.get("callId"), seatId);
        }
        Map<String, Object> status = (Map<String, Object>) screen.get("status");
        lastSeen.put(seatId, status.get("state") + "|" + status.get("since") + "|" + status.get("callId"));
    }

    private void watch() {
        for (String seatId : Set.copyOf(peersBySeat.keySet())) {
            try {
                SeatStatus status = states.status(seatId);
                if (SeatStatus.WRAP_UP.equals(status.state()) && states.endWrapUpIfDue(seatId, wrapUp)) {
                    events.publish(seatId, "state");
                    continue;
                }
                String seen = status.state() + "|" + (status.since() == null ? null : status.since().toEpochMilli())
                        + "|" + status.callId();
                if (!seen.equals(lastSeen.get(seatId))) {
                    io.execute(() -> refresh(seatId));
                }
            } catch (RuntimeException e) {
                log.warn("seat {} not checked: {}", seatId, e.toString());
            }
        }
    }

    private void send(String seatId, Map<String, Object> message) {
        Set<Peer> peers = peersBySeat.get(seatId);
        if (peers == null) {
            return;
        }
        String text;
        try {
            text = JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        peers.forEach(peer -> peer.send(text));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
