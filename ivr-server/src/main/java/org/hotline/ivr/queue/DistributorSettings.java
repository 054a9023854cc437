package org.hotline.ivr.queue;

import java.time.Duration;

/**
 * How one node takes part in distribution.
 *
 * @param nodeId            unique among nodes sharing one Redis (ops {@code node.id})
 * @param tickEvery         heartbeat and timer period (wrap-up ends, offer expiry, dead nodes)
 * @param deadAfter         a node whose heartbeat is older than this is dead: its calls are cleaned up
 * @param offerGrace        an offer not answered nor refused within ring timeout + this is released
 * @param callbackGrace     the same for a callback, whose seat waits on the line while the citizen is dialed
 * @param defaultHandleTime assumed handling time until a queue has history
 * @param freeStuckSeatAfter a dead node's call on a seat that no Asterisk lists as alive (or none can be asked) is
 *                          ended this long after the node was found dead, and its seat freed
 */
public record DistributorSettings(String nodeId, Duration tickEvery, Duration deadAfter, Duration offerGrace,
                                  Duration callbackGrace, Duration defaultHandleTime, Duration freeStuckSeatAfter) {

    public static final Duration FREE_STUCK_SEAT_AFTER = Duration.ofSeconds(60);

    public DistributorSettings(String nodeId, Duration tickEvery, Duration deadAfter, Duration offerGrace,
                               Duration callbackGrace, Duration defaultHandleTime) {
        this(nodeId, tickEvery, deadAfter, offerGrace, callbackGrace, defaultHandleTime, FREE_STUCK_SEAT_AFTER);
    }

    public static DistributorSettings defaults(String nodeId) {
        return new DistributorSettings(nodeId, Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofMinutes(15), Duration.ofMinutes(3));
    }

    public DistributorSettings withNodeLeases(Duration newDeadAfter, Duration newFreeStuckSeatAfter) {
        return new DistributorSettings(nodeId, tickEvery, newDeadAfter, offerGrace, callbackGrace, defaultHandleTime,
                newFreeStuckSeatAfter);
    }
}
