package org.hotline.ivr.seat;

import java.util.List;
import java.util.Map;

/**
 * What the supervisors' wall shows, at one moment. {@code ordersOverdue}: orders past their dispatch deadline and
 * not yet dispatched (whatever day they came in).
 */
public record Wallboard(long atMillis, List<QueueFigures> queues, Map<String, Integer> seatsByState, int callsInIvr,
                        int ordersDrafted, int ordersSubmitted, long ordersOverdue, List<CategoryCount> topCategories) {

    /**
     * @param serviceLevel       share of today's answered calls answered within the target wait, 0..1; null before
     *                           any call (an empty queue has no level, not 100%)
     * @param serviceLevelTarget the queue's own target (queues.yaml), the line below which the board shows red
     * @param abandonRate        share of today's queued calls whose caller hung up waiting, 0..1; null before any call
     */
    public record QueueFigures(String queue, int waiting, long longestWaitSeconds, Double serviceLevel,
                               double serviceLevelTarget, Double abandonRate) {
    }

    public record CategoryCount(String code, String zh, String en, long count) {
    }
}
