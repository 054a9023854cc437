package org.hotline.ivr.queue;

import java.time.Duration;

/**
 * How one node takes part in distribution.
 *
 * @param nodeId            unique among nodes sharing one Redis (ops {@code node.id})
 * @param tickEvery         heartbeat and timer period (wrap-up ends, offer expiry, dead nodes)
 * @param deadAfter         a node whose heartbeat is older than this is dead: its calls are cleaned up
 * @param offerGrace        an offer not answered nor refused within ring timeout + this is released
 * @param defaultHandleTime assumed handling time until a queue has history
 */
public record DistributorSettings(String nodeId, Duration tickEvery, Duration deadAfter, Duration offerGrace,
                                  Duration defaultHandleTime) {

    public static DistributorSettings defaults(String nodeId) {
        return new DistributorSettings(nodeId, Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofMinutes(3));
    }
}
