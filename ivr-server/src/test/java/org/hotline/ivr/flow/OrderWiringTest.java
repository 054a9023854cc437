package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.DraftOrderWriter;
import org.hotline.ivr.order.OrderRules;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 12345 flow with the order part writing the draft before the call is queued. */
class OrderWiringTest {

    @TempDir
    Path temp;

    @Test
    void theDraftOrderCarriesTheMenuPathAndIsWrittenBeforeQueueing() throws Exception {
        OrderRules rules = OrderRules.load(Path.of("..", "config"));
        OrderSettings settings = OrderSettings.defaults();
        OrderStore[] store = new OrderStore[1];
        try (FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> {
            store[0] = new OrderStore(redis, rules, settings, Clock.systemUTC());
            return FlowServices.defaults(redis, "127.0.0.1", 1)
                    .withOrders(new OrderPartDrafts(new DraftOrderWriter(redis, rules, store[0], settings)));
        })) {
            CallRecord record = bench.call(CallScenario.of("order", "12345", "13800138000").press("1").press("1")
                    .press("2"));
            JourneyStore.Journey journey = bench.journey(record);
            String orderId = journey.call().get("orderId");

            DraftOrder order = store[0].get(orderId).orElseThrow();
            assertThat(order.callId()).isEqualTo(record.uniqueId());
            assertThat(order.language()).isEqualTo("zh");
            assertThat(order.menuPath()).containsSubsequence("choose-language:1", "main-menu:1", "report-type:2",
                    "describe-problem");
            assertThat(journey.steps().get(journey.steps().size() - 1).get("node")).isEqualTo("queue-citizen");
        }
    }
}
