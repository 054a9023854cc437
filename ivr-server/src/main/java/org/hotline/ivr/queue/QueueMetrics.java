package org.hotline.ivr.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Gauges over the latest {@link QueueStats}: per queue (tag {@code queue}) waiting calls, longest wait,
 * service level, abandon rate, average handling time, ready and staffed seats; per seat (tag {@code seat})
 * state (one gauge per state, 1 for the current one), time in state and calls handled.
 */
public final class QueueMetrics {

    private QueueMetrics() {
    }

    public static void bind(MeterRegistry registry, QueueStatsPoller poller, QueueSetup setup) {
        for (QueueConfig queue : setup.queues()) {
            queueGauge(registry, poller, queue.id(), "ivr.queue.waiting", "calls waiting", q -> q.waiting());
            queueGauge(registry, poller, queue.id(), "ivr.queue.longest.wait.seconds", "longest current wait",
                    QueueStats.Queue::longestWaitSeconds);
            queueGauge(registry, poller, queue.id(), "ivr.queue.service.level", "answered within target / finished",
                    q -> orNaN(q.serviceLevel()));
            queueGauge(registry, poller, queue.id(), "ivr.queue.abandon.rate", "abandoned / finished",
                    q -> orNaN(q.abandonRate()));
            queueGauge(registry, poller, queue.id(), "ivr.queue.handle.time.seconds", "mean of recent handling times",
                    q -> orNaN(q.averageHandleSeconds()));
            queueGauge(registry, poller, queue.id(), "ivr.queue.seats.ready", "ready seats", q -> q.readySeats());
            queueGauge(registry, poller, queue.id(), "ivr.queue.seats.staffed", "logged-in, unpaused seats",
                    q -> q.staffedSeats());
        }
        for (SeatConfig seat : setup.seats()) {
            for (SeatState state : SeatState.values()) {
                Gauge.builder("ivr.seat.state", poller, p -> seat(p, seat.id())
                                .map(s -> s.state().equals(state.code()) ? 1.0 : 0.0).orElse(Double.NaN))
                        .description("1 for the seat's current state").tag("seat", seat.id()).tag("state", state.code())
                        .register(registry);
            }
            Gauge.builder("ivr.seat.state.seconds", poller, p -> seat(p, seat.id())
                    .map(QueueStats.Seat::secondsInState).orElse(Double.NaN)).tag("seat", seat.id()).register(registry);
            Gauge.builder("ivr.seat.calls.handled", poller, p -> seat(p, seat.id())
                    .map(s -> (double) s.callsHandled()).orElse(Double.NaN)).tag("seat", seat.id()).register(registry);
        }
    }

    private static void queueGauge(MeterRegistry registry, QueueStatsPoller poller, String queue, String name,
                                   String description, ToDoubleFunction<QueueStats.Queue> value) {
        Gauge.builder(name, poller, p -> p.latest().queue(queue).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tag("queue", queue).register(registry);
    }

    private static Optional<QueueStats.Seat> seat(QueueStatsPoller poller, String id) {
        return poller.latest().seat(id);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
