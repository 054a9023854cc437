package org.hotline.ivr.queue;

import java.util.Arrays;
import java.util.Optional;

/** How a queue picks among its ready seats when a call arrives. */
public enum RoutingStrategy {
    /** The seat that has been ready the longest: spreads work evenly over time. */
    LONGEST_IDLE("longest-idle"),
    /** The seat that has handled the fewest calls; ties go to the longest idle. */
    FEWEST_CALLS("fewest-calls"),
    /** The seat with the highest level in the queue's skill; ties go to the longest idle. */
    HIGHEST_SKILL("highest-skill");

    private final String yamlName;

    RoutingStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in queues.yaml and in Redis. */
    public String yamlName() {
        return yamlName;
    }

    public static Optional<RoutingStrategy> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst();
    }
}
