package org.hotline.ivr.seat;

/** Computes the floor view from whatever keeps seats, queues and holds. */
@FunctionalInterface
public interface FloorSource {
    FloorView snapshot();
}
