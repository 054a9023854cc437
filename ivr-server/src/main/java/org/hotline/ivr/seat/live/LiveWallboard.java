package org.hotline.ivr.seat.live;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hotline.ivr.order.OrderEvent;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.seat.OrderCatalogue;
import org.hotline.ivr.seat.Wallboard;
import org.hotline.ivr.seat.WallboardSource;

/**
 * The wall's figures: queues and seats from the queue's stats, calls in the IVR from the flows' count, orders past
 * their dispatch deadline from the order store, today's drafted and submitted orders and top
 * categories from the order event stream. The stream is read on from where the last snapshot stopped (from
 * midnight after a start or a new day), so each snapshot reads only what is new.
 */
public final class LiveWallboard implements WallboardSource {

    private static final int READ_BATCH = 1000;

    private final Supplier<QueueStats> queues;
    private final IntSupplier callsInIvr;
    private final OrderStore orders;
    private final OrderCatalogue catalogue;
    private final Clock clock;
    private final ZoneId zone;
    private LocalDate day;
    private String cursor;
    private long drafted;
    private long submitted;
    private final Map<String, Long> categories = new HashMap<>();

    /** @param callsInIvr calls now in the IVR, e.g. {@code CallsInIvr::count} (a Redis read) */
    public LiveWallboard(Supplier<QueueStats> queues, IntSupplier callsInIvr, OrderStore orders,
                         OrderCatalogue catalogue, Clock clock, ZoneId zone) {
        this.queues = queues;
        this.callsInIvr = callsInIvr;
        this.orders = orders;
        this.catalogue = catalogue;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public synchronized Wallboard snapshot() {
        catchUp();
        QueueStats stats = queues.get();
        List<Wallboard.QueueFigures> figures = stats.queues().stream()
                .map(q -> new Wallboard.QueueFigures(q.name() == null || q.name().isEmpty() ? q.id() : q.name(),
                        (int) q.waiting(), (long) q.longestWaitSeconds(),
                        q.serviceLevel(), q.serviceLevelTarget(), q.abandonRate()))
                .toList();
        Map<String, Integer> byState = new TreeMap<>();
        stats.seats().forEach(seat -> byState.merge(QueueSeatStates.stateName(seat.state()), 1, Integer::sum));
        Map<String, OrderCatalogue.Category> names = catalogue.categories().stream()
                .collect(Collectors.toMap(OrderCatalogue.Category::code, Function.identity(), (a, b) -> a));
        List<Wallboard.CategoryCount> top = categories.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(5)
                .map(e -> {
                    OrderCatalogue.Category name = names.get(e.getKey());
                    return new Wallboard.CategoryCount(e.getKey(), name == null ? e.getKey() : name.zh(),
                            name == null ? e.getKey() : name.en(), e.getValue());
                })
                .toList();
        return new Wallboard(clock.millis(), figures, byState, callsInIvr.getAsInt(), (int) drafted, (int) submitted,
                orders.overdue(clock.instant()), new ArrayList<>(top));
    }

    private void catchUp() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (!today.equals(day)) {
            day = today;
            cursor = today.atStartOfDay(zone).toInstant().toEpochMilli() + "-0";
            drafted = 0;
            submitted = 0;
            categories.clear();
        }
        List<OrderEvent> batch;
        do {
            batch = orders.eventsAfter(cursor, READ_BATCH);
            for (OrderEvent event : batch) {
                count(event);
                cursor = event.id();
            }
        } while (batch.size() >= READ_BATCH);
    }

    private void count(OrderEvent event) {
        if (event.type().equals("drafted")) {
            drafted++;
        } else if (event.type().equals("submitted")) {
            submitted++;
            orders.get(event.orderId()).ifPresent(order -> categories.merge(order.category(), 1L, Long::sum));
        }
    }
}
