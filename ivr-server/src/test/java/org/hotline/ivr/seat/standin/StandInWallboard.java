package org.hotline.ivr.seat.standin;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.OrderCatalogue;
import org.hotline.ivr.seat.Wallboard;
import org.hotline.ivr.seat.WallboardSource;
import redis.clients.jedis.resps.Tuple;

/** The wallboard figures from the stand-in queue and orders, and the set of calls now in the IVR. */
public final class StandInWallboard implements WallboardSource {

    /** Calls in the IVR (menus, description) right now; the flow adds and removes them. */
    public static final String IN_IVR = StandInQueue.PREFIX + "in-ivr";

    private final RedisGateway redis;
    private final OrderCatalogue catalogue;
    private final Clock clock;

    public StandInWallboard(RedisGateway redis, OrderCatalogue catalogue, Clock clock) {
        this.redis = redis;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @Override
    public Wallboard snapshot() {
        return redis.call("wallboard", jedis -> {
            long now = clock.millis();
            Map<String, String> day = jedis.hgetAll(StandInDay.key(clock));
            List<String> waiting = jedis.lrange(StandInQueue.WAITING, 0, 0);
            long longest = waiting.isEmpty() ? 0 : Math.max(0, now - Long.parseLong(
                    jedis.hget(StandInQueue.PREFIX + "call:" + waiting.get(0), "queuedAt"))) / 1000;
            long answered = count(day, "answered");
            long abandoned = count(day, "abandoned");
            Wallboard.QueueFigures queue = new Wallboard.QueueFigures("general", (int) jedis.llen(StandInQueue.WAITING),
                    longest, answered == 0 ? 1.0 : (double) count(day, "answeredInTarget") / answered,
                    answered + abandoned == 0 ? 0.0 : (double) abandoned / (answered + abandoned));
            Map<String, Integer> byState = new TreeMap<>();
            for (String seat : jedis.smembers(StandInQueue.SEATS)) {
                String state = jedis.hget(StandInQueue.PREFIX + "seat:" + seat, "state");
                byState.merge(state == null ? "logged-out" : state, 1, Integer::sum);
            }
            Map<String, OrderCatalogue.Category> names = catalogue.categories().stream()
                    .collect(Collectors.toMap(OrderCatalogue.Category::code, Function.identity(), (a, b) -> a, HashMap::new));
            List<Wallboard.CategoryCount> top = jedis.zrevrangeWithScores(StandInDay.categories(clock), 0, 4).stream()
                    .map(t -> category(t, names)).toList();
            return new Wallboard(now, List.of(queue), byState, (int) jedis.scard(IN_IVR),
                    (int) count(day, "drafted"), (int) count(day, "submitted"), top);
        });
    }

    private static Wallboard.CategoryCount category(Tuple tuple, Map<String, OrderCatalogue.Category> names) {
        OrderCatalogue.Category name = names.get(tuple.getElement());
        return new Wallboard.CategoryCount(tuple.getElement(), name == null ? tuple.getElement() : name.zh(),
                name == null ? tuple.getElement() : name.en(), (long) tuple.getScore());
    }

    private static long count(Map<String, String> day, String field) {
        return Long.parseLong(day.getOrDefault(field, "0"));
    }
}
