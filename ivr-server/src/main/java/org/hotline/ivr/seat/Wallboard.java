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
     * @param serviceLevel share of today's answered calls answered within the target wait, 0..1
     * @param abandonRate  share of today's queued calls whose caller hung up waiting, 0..1
     */
    public record QueueFigures(String queue, int waiting, long longestWaitSeconds, double serviceLevel,
                               double abandonRate) {
    }

    public record CategoryCount(String code, String zh, String en, long count) {
    }
}
