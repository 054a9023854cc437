package org.hotline.ivr.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The figures of every queue and seat at one moment, as {@code /api/queues}, {@code /api/seats} and gauges show them. */
public record QueueStats(Instant at, List<Queue> queues, List<Seat> seats) {

    public static final QueueStats EMPTY = new QueueStats(Instant.EPOCH, List.of(), List.of());

    public QueueStats {
        queues = List.copyOf(queues);
        seats = List.copyOf(seats);
    }

    /**
     * One queue. Counters run since the queue group was first used (Redis keeps them across restarts).
     *
     * @param serviceLevel         answered within the target time / (answered + abandoned); null before any call
     * @param abandonRate          abandoned / (answered + abandoned); null before any call
     * @param averageHandleSeconds mean of the last 50 handling times (answer to hang-up); null before any
     */
    public record Queue(String id, String name, long waiting, double longestWaitSeconds, Double serviceLevel,
                        double serviceLevelTarget, Double abandonRate, Double averageHandleSeconds, long readySeats,
                        long staffedSeats, long entered, long answered, long abandoned, long handled, long callbacks,
                        long overflowed, long lost) {
    }

    /** One seat; never its password hash. */
    public record Seat(String id, String name, String state, String reason, double secondsInState, long callsHandled,
                       String queue, String callId) {
    }

    public Optional<Queue> queue(String id) {
        return queues.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public Optional<Seat> seat(String id) {
        return seats.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
