package org.hotline.ivr.seat.live;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.FloorSource;
import org.hotline.ivr.seat.FloorView;

/**
 * The floor view from the queue's latest figures (seats, staffing, handle time) and the hold requests. The queue's
 * answered and abandoned counters run since the queue was first used, so each snapshot keeps, per hour of the day,
 * the counters as first seen in that hour ({@code HSETNX} into {@code ivr:{floor}:day:<date>}, shared by every node
 * and kept two days): an hour's calls are the next hour's first counters minus its own, and today's the latest minus
 * the day's first. Hours nobody had the floor view open merge into the next hour that was seen.
 */
final class LiveFloor implements FloorSource {

    private static final String TOTAL = "*";

    private final Supplier<QueueStats> stats;
    private final Predicate<String> held;
    private final RedisGateway redis;
    private final Clock clock;
    private final ZoneId zone;

    LiveFloor(Supplier<QueueStats> stats, Predicate<String> held, RedisGateway redis, Clock clock, ZoneId zone) {
        this.stats = stats;
        this.held = held;
        this.redis = redis;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public FloorView snapshot() {
        QueueStats now = stats.get();
        ZonedDateTime local = Instant.ofEpochMilli(clock.millis()).atZone(zone);
        LocalDate day = local.toLocalDate();
        String key = "ivr:{floor}:day:" + day;
        int hour = local.getHour();
        Map<String, String> sample = new HashMap<>();
        long answered = 0;
        long abandoned = 0;
        for (QueueStats.Queue queue : now.queues()) {
            sample.put(String.format("%02d:%s", hour, queue.id()), queue.answered() + "," + queue.abandoned());
            answered += queue.answered();
            abandoned += queue.abandoned();
        }
        sample.put(String.format("%02d:%s", hour, TOTAL), answered + "," + abandoned);
        Map<String, String> kept = redis.call("floor samples", jedis -> {
            sample.forEach((field, value) -> jedis.hsetnx(key, field, value));
            jedis.expire(key, 2 * 24 * 3600L);
            return jedis.hgetAll(key);
        });
        List<FloorView.SeatRow> seats = now.seats().stream().map(seat -> new FloorView.SeatRow(seat.id(), seat.name(),
                seat.state(), seat.reason(), seat.secondsInState(), seat.queue(), seat.callId(),
                !seat.callId().isEmpty() && held.test(seat.callId()), seat.callsHandled())).toList();
        List<FloorView.QueueRow> queues = new ArrayList<>();
        for (QueueStats.Queue queue : now.queues()) {
            long[] first = firstOfDay(kept, queue.id());
            queues.add(new FloorView.QueueRow(queue.id(), queue.name(), queue.waiting(), queue.longestWaitSeconds(),
                    queue.readySeats(), queue.staffedSeats(), first == null ? null : queue.answered() - first[0],
                    first == null ? null : queue.abandoned() - first[1], queue.averageHandleSeconds()));
        }
        return new FloorView(now.at().toEpochMilli(), day.toString(), seats, queues,
                hours(kept, answered, abandoned));
    }

    private static long[] firstOfDay(Map<String, String> kept, String queue) {
        return byHour(kept, queue).values().stream().findFirst().orElse(null);
    }

    private static TreeMap<Integer, long[]> byHour(Map<String, String> kept, String queue) {
        TreeMap<Integer, long[]> out = new TreeMap<>();
        kept.forEach((field, value) -> {
            int colon = field.indexOf(':');
            if (colon == 2 && field.substring(colon + 1).equals(queue)) {
                String[] parts = value.split(",");
                out.put(Integer.parseInt(field.substring(0, 2)), new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            }
        });
        return out;
    }

    /** Each seen hour's calls: the next seen hour's first counters (or now's) minus its own. */
    private static List<FloorView.Hour> hours(Map<String, String> kept, long answeredNow, long abandonedNow) {
        TreeMap<Integer, long[]> total = byHour(kept, TOTAL);
        List<FloorView.Hour> hours = new ArrayList<>();
        Integer[] seen = total.keySet().toArray(new Integer[0]);
        for (int i = 0; i < seen.length; i++) {
            long[] start = total.get(seen[i]);
            long[] end = i + 1 < seen.length ? total.get(seen[i + 1]) : new long[] {answeredNow, abandonedNow};
            hours.add(new FloorView.Hour(seen[i], Math.max(0, end[0] - start[0]), Math.max(0, end[1] - start[1])));
        }
        return hours;
    }
}
