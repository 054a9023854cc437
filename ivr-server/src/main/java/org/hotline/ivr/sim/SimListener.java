package org.hotline.ivr.sim;

/** Told of each line of a simulated call as it happens (the demo prints them). */
@FunctionalInterface
public interface SimListener {

    void event(SimEvent event);

    SimListener NONE = event -> { };
}
