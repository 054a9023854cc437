package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Re-handling and escalation from the survey's answers, on real Redis through the order event stream. */
class RehandlingTest {

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();
    private RedisOrders orders;
    private OrderContacts contacts;
    private OrderEventFeed feed;

    @BeforeEach
    void start() {
        orders = new RedisOrders(redis.gateway());
        contacts = new OrderContacts(redis.gateway(), OrderSettings.defaults().keys());
        Rehandling rehandling = new Rehandling(orders.store, null);
        feed = new OrderEventFeed(redis.gateway(), OrderSettings.defaults().keys(), orders.store, Rehandling.GROUP,
                Set.of("survey"), "node-a", rehandling::surveyed);
    }

    private String closedOrder(String callId) {
        DraftOrder order = orders.writer.draft(new CallFacts(callId, "13800138000", "zh", List.of("1"),
                "朝阳区 双井街道 路灯 坏了", "", null));
        orders.store.submit(order.orderId(), "1001");
        orders.store.dispatch(order.orderId(), "1001", "");
        orders.store.handled(order.orderId(), "unit");
        orders.store.close(order.orderId(), "1001");
        return order.orderId();
    }

    private void surveyed(String orderId, String resolved, String satisfaction) {
        contacts.record(orderId, new OrderContact("survey", 1, "answered", "resolved=" + resolved, "2026-12-02T10:00:00Z"),
                Map.of("surveyOutcome", "answered", "surveyResolved", resolved, "surveySatisfaction", satisfaction));
    }

    @Test
    void notResolvedReopensTheOrderForItsUnitAndASecondTimeEscalatesIt() {
        String orderId = closedOrder("c-rehandle-1");
        String unit = orders.store.get(orderId).orElseThrow().handlingUnit();

        surveyed(orderId, "no", "satisfied");
        assertThat(feed.poll()).isEqualTo(1);
        DraftOrder reopened = orders.store.get(orderId).orElseThrow();
        assertThat(reopened.status()).isEqualTo(OrderStatus.REHANDLE);
        assertThat(reopened.handlingUnit()).isEqualTo(unit);
        assertThat(reopened.progress().rehandled()).isEqualTo(1);
        assertThat(reopened.progress().rehandleReason()).isEqualTo("not resolved");
        assertThat(orders.store.rehandling(10)).extracting(DraftOrder::orderId).containsExactly(orderId);
        assertThatThrownBy(() -> orders.store.close(orderId, "1001")).isInstanceOf(OrderEditException.class)
                .hasMessageContaining("rehandle");

        // The unit handles it again; closed, the next survey is "dissatisfied": escalated (督办).
        orders.store.handled(orderId, "unit");
        assertThat(orders.store.rehandling(10)).isEmpty();
        orders.store.close(orderId, "1001");
        surveyed(orderId, "yes", "dissatisfied");
        feed.poll();
        DraftOrder escalated = orders.store.get(orderId).orElseThrow();
        assertThat(escalated.status()).isEqualTo(OrderStatus.SUPERVISE);
        assertThat(escalated.progress().rehandled()).isEqualTo(2);
        assertThat(escalated.progress().rehandleReason()).isEqualTo("dissatisfied");
        assertThat(escalated.history()).anyMatch(edit -> edit.field().equals("status") && edit.newValue().equals("supervise"));
    }

    @Test
    void aSatisfiedAnswerLeavesTheOrderClosedAndARepeatedEventReopensNothingTwice() {
        String fine = closedOrder("c-rehandle-2");
        surveyed(fine, "yes", "satisfied");
        String unresolved = closedOrder("c-rehandle-3");
        surveyed(unresolved, "no", "dissatisfied");
        feed.poll();
        assertThat(orders.store.get(fine).orElseThrow().status()).isEqualTo(OrderStatus.CLOSED);

        // The same survey handed again (as after a crash before the acknowledgement): still once.
        new Rehandling(orders.store, null).surveyed(orders.store.get(unresolved).orElseThrow());
        assertThat(orders.store.get(unresolved).orElseThrow().progress().rehandled()).isEqualTo(1);
        assertThat(orders.store.get(unresolved).orElseThrow().status()).isEqualTo(OrderStatus.REHANDLE);
    }
}
