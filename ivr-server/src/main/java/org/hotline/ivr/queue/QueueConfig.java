package org.hotline.ivr.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * One queue from {@code queues.yaml}.
 *
 * @param group              queues of one group share a Redis hash tag; a seat serves queues of its group
 * @param serviceLevelTarget e.g. 0.8: 80% of calls answered within {@code serviceLevelWithin}
 * @param maxWait            after this the overflow action applies
 * @param overflowQueue      for {@link Overflow#QUEUE}: the queue the call moves to (same group)
 * @param announceEvery      how often a waiting caller hears position and expected wait
 * @param callbackOfferAfter expected wait beyond which "press 1 for a callback" is offered
 */
public record QueueConfig(String id, String name, String group, String skill, int minSkillLevel, String language,
                          RoutingStrategy strategy, Duration wrapUp, Duration ringTimeout, double serviceLevelTarget,
                          Duration serviceLevelWithin, Duration maxWait, Overflow overflow, String overflowQueue,
                          Duration announceEvery, Duration callbackOfferAfter) {

    /** What happens to a call that waited {@code maxWait}. */
    public enum Overflow {
        /** Keep waiting; the callback offer is made (again) at every announcement. */
        CALLBACK,
        /** Move to {@code overflowQueue}, keeping its arrival time and priority. */
        QUEUE,
        /** Keep waiting. */
        NONE
    }

    public Optional<String> overflowTarget() {
        return overflow == Overflow.QUEUE ? Optional.of(overflowQueue) : Optional.empty();
    }

    /** The Redis hash tag shared by every key of this queue's group. */
    public String groupTag() {
        return QueueKeys.tag(group);
    }
}
