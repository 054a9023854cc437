package org.hotline.ivr.seat;

/** Computes the wallboard figures from whatever keeps them (the queue and order stores). */
@FunctionalInterface
public interface WallboardSource {
    Wallboard snapshot();
}
