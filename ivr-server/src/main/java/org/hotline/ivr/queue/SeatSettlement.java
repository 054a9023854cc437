package org.hotline.ivr.queue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the seats of orphans: calls on a seat (ringing or answered) whose node died. Asterisk may go on ringing
 * the seat or bridging the conversation without the node, so an orphan's seat is freed when Asterisk says the
 * caller's channel is gone or has left the Dial (a Hangup seen by any node, or complete channel lists without it in
 * a Dial), and, when no Asterisk can tell, {@link DistributorSettings#freeStuckSeatAfter} after the node was found
 * dead. Every node
 * checks (settle is idempotent in Redis); each freed seat is logged with its call.
 */
final class SeatSettlement {

    private static final Logger log = LoggerFactory.getLogger(SeatSettlement.class);
    /** Channel lists are asked for at most this often, and only while there are orphans. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(3);

    /**
     * @param channel the caller's channel: a live call's id is its channel's unique id; a connected callback's is
     *                the seat's channel; a callback still being dialed has none Asterisk could be asked about
     */
    private record Orphan(String group, long since, String channel) {
        boolean askable() {
            return !channel.isEmpty();
        }
    }

    private final CallDistributor distributor;
    private final Duration freeAfter;
    private final Clock clock;
    private final Executor io;
    private final Map<String, Orphan> known = new ConcurrentHashMap<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile CallChannels channels = CallChannels.UNKNOWN;
    private volatile long lastCheck;

    SeatSettlement(CallDistributor distributor, Duration freeAfter, Clock clock, Executor io) {
        this.distributor = distributor;
        this.freeAfter = freeAfter;
        this.clock = clock;
        this.io = io;
    }

    void askChannelsOf(CallChannels source) {
        this.channels = source;
    }

    /** The orphans of {@code group} as the last tick (or reclaim) listed them. */
    void seen(String group, JsonNode orphans) {
        known.values().removeIf(orphan -> orphan.group().equals(group));
        if (orphans.isArray()) {
            for (JsonNode orphan : orphans) {
                String call = orphan.path("call").asText();
                String channel = !orphan.path("channel").asText().isEmpty() ? orphan.path("channel").asText()
                        : "callback".equals(orphan.path("kind").asText()) ? "" : call;
                known.put(call, new Orphan(group, orphan.path("since").asLong(), channel));
            }
        }
    }

    /** Asterisk hung up the channel {@code uniqueId}: if it is an orphan's, its seat is freed now. */
    void channelGone(String uniqueId, String why) {
        known.forEach((callId, orphan) -> {
            if (orphan.askable() && orphan.channel().equals(uniqueId)) {
                try {
                    io.execute(() -> settle(callId, orphan, why));
                } catch (RejectedExecutionException closing) {
                    // the distributor is closing: the next node's tick settles it
                }
            }
        });
    }

    /** After each tick: compares the orphans with Asterisk's channels (off the ticker: AMI may be slow). */
    void check() {
        long now = clock.millis();
        if (known.isEmpty() || now - lastCheck < CHECK_EVERY.toMillis() || !checking.compareAndSet(false, true)) {
            return;
        }
        lastCheck = now;
        try {
            io.execute(this::compareWithAsterisk);
        } catch (RejectedExecutionException closing) {
            checking.set(false);
        }
    }

    private void compareWithAsterisk() {
        try {
            compare(channels.alive());
        } catch (RuntimeException e) {
            log.warn("orphaned calls not checked against Asterisk: {}", e.getMessage());
        } finally {
            checking.set(false);
        }
    }

    private void compare(CallChannels.Alive alive) {
        long now = clock.millis();
        for (Map.Entry<String, Orphan> entry : List.copyOf(known.entrySet())) {
            String callId = entry.getKey();
            Orphan orphan = entry.getValue();
            if (orphan.askable() && alive.callIds().contains(orphan.channel())) {
                continue; // the caller is still in the Dial: the seat may be ringing or talking to them
            }
            if (alive.complete() && orphan.askable()) {
                settle(callId, orphan, "its caller is in no Dial on any Asterisk (AMI Status)");
            } else if (now - orphan.since() >= freeAfter.toMillis()) {
                settle(callId, orphan, "no live node nor Asterisk channel has known it for "
                        + freeAfter.toSeconds() + " s");
            }
        }
    }

    private void settle(String callId, Orphan orphan, String why) {
        try {
            JsonNode result = distributor.run(orphan.group(), "settle", List.of(callId));
            known.remove(callId, orphan);
            if ("settled".equals(result.path("result").asText())) {
                log.warn("seat {} {} from call {} of dead node {} (was {}, orphaned {} s ago): {}",
                        result.path("seat").asText(), result.path("freed").asBoolean() ? "freed (now "
                                + result.path("state").asText() + ")" : "already moved on",
                        callId, result.path("node").asText(), result.path("was").asText(),
                        result.path("orphanedFor").asLong() / 1000, why);
            }
        } catch (RuntimeException e) {
            log.warn("orphaned call {} not settled: {}", callId, e.getMessage());
        }
    }

    int orphans() {
        return known.size();
    }
}
