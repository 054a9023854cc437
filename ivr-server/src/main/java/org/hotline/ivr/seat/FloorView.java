package org.hotline.ivr.seat;

import java.util.List;

/**
 * The supervisors' floor view at one moment: every seat as it is now, every queue's staffing and today's figures,
 * and today's answered and abandoned calls hour by hour (local time of the order settings' zone).
 */
public record FloorView(long atMillis, String day, List<SeatRow> seats, List<QueueRow> queues, List<Hour> hours) {

    /**
     * @param state          ready, paused, offered, oncall, wrapup, out
     * @param secondsInState how long it has been in that state
     * @param callId         the call it holds, "" for none
     * @param held           its caller is on hold now
     */
    public record SeatRow(String id, String name, String state, String reason, double secondsInState, String queue,
                          String callId, boolean held, long callsHandled) {
    }

    /**
     * @param answeredToday        answered since local midnight, null until the floor view has a sample from before
     * @param averageHandleSeconds mean of the queue's recent handling times; null before any
     */
    public record QueueRow(String id, String name, long waiting, double longestWaitSeconds, long readySeats,
                           long staffedSeats, Long answeredToday, Long abandonedToday, Double averageHandleSeconds) {
    }

    /** Calls answered and abandoned in the hour starting at {@code hour} (0-23). */
    public record Hour(int hour, long answered, long abandoned) {
    }
}
