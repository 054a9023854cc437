package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hotline.ivr.redis.RedisUnderTest;
import redis.clients.jedis.params.XTrimParams;

/** The closed-order feed on real Redis: nothing is acknowledged before its handler succeeded. */
class ClosedOrderFeedTest {

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();
    private RedisOrders orders;
    private final List<String> handed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        orders = new RedisOrders(redis.gateway());
    }

    private ClosedOrderFeed feed(boolean failing) {
        return new ClosedOrderFeed(orders.redis, OrderSettings.defaults().keys(), orders.store, "node-a", order -> {
            if (failing) {
                throw new IllegalStateException("redis down while scheduling the survey");
            }
            handed.add(order.orderId());
        });
    }

    private String closedOrder(int n) {
        DraftOrder order = orders.writer.draft(new CallFacts("1764000000." + n, "13800138000", "zh", List.of("1"),
                "路灯坏了", "", null));
        orders.store.submit(order.orderId(), "1001");
        orders.store.close(order.orderId(), "1001");
        return order.orderId();
    }

    @Test
    void aClosedOrderWhoseHandlerFailedIsHandedAgainAtTheNextPoll() {
        ClosedOrderFeed failing = feed(true);
        String orderId = closedOrder(1);
        assertThat(failing.poll()).isZero();

        ClosedOrderFeed working = feed(false);
        assertThat(working.poll()).isEqualTo(1);
        assertThat(handed).containsExactly(orderId);
        assertThat(working.poll()).as("acknowledged now").isZero();
    }

    @Test
    void afterARestartEveryUnacknowledgedEntryIsHandedNotOnlyTheFirstHundred() {
        ClosedOrderFeed failing = feed(true);
        Set<String> closed = java.util.stream.IntStream.rangeClosed(1, 130).mapToObj(this::closedOrder)
                .collect(Collectors.toSet());
        for (int poll = 0; poll < 10; poll++) {                // every event delivered (each order has several)
            failing.poll();
        }

        assertThat(feed(false).poll()).isEqualTo(130);
        assertThat(Set.copyOf(handed)).isEqualTo(closed);
    }

    @Test
    void aPendingEntryTrimmedOffTheStreamIsAcknowledgedNotReadForever() {
        ClosedOrderFeed failing = feed(true);
        closedOrder(200);
        failing.poll();
        orders.redis.call("trim", jedis -> jedis.xtrim(OrderSettings.defaults().keys().events(),
                XTrimParams.xTrimParams().maxLen(0)));

        ClosedOrderFeed working = feed(false);
        assertThat(working.poll()).isZero();

        long pending = orders.redis.call("pending", jedis -> jedis.xpending(OrderSettings.defaults().keys().events(),
                ClosedOrderFeed.GROUP).getTotal());
        assertThat(pending).isZero();
    }
}
