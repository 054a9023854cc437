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
import org.hotline.ivr.redis.RedisGateway;
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
            return StandInServices.of(redis, "127.0.0.1", 1)
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

    /**
     * A crash while the caller hears "please wait, connecting you" must not lose the case: the draft order is in
     * Redis the moment the description ends, before the overflow check, the announcement or the queue; the
     * journal says it was written there.
     */
    @Test
    void theDraftIsInRedisBeforeAnythingIsPlayedAfterTheDescription() throws Exception {
        OrderRules rules = OrderRules.load(Path.of("..", "config"));
        OrderSettings settings = OrderSettings.defaults();
        RedisGateway[] gateway = new RedisGateway[1];
        try (FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> {
            gateway[0] = redis;
            OrderStore store = new OrderStore(redis, rules, settings, Clock.systemUTC());
            return StandInServices.of(redis, "127.0.0.1", 1)
                    .withOrders(new OrderPartDrafts(new DraftOrderWriter(redis, rules, store, settings)));
        })) {
            java.util.List<String> draftWhenAnnounced = new java.util.concurrent.CopyOnWriteArrayList<>();
            CallRecord record = bench.sim.call(CallScenario.of("announced", "12345", "13800138007").press("1").press("1")
                    .press("2"), event -> {
                        if (event.direction() == org.hotline.ivr.sim.SimEvent.Direction.FROM_SERVER
                                && event.text().contains("queue-hold")) {
                            // The simulator names its calls by scenario; the call id is the claim's only key.
                            draftWhenAnnounced.addAll(gateway[0].call("orders of calls", jedis -> jedis
                                    .keys(settings.keys().byCall("*")).stream().map(jedis::get).toList()));
                        }
                    }).get(30, java.util.concurrent.TimeUnit.SECONDS);

            JourneyStore.Journey journey = bench.journey(record);
            String orderId = journey.call().get("orderId");
            assertThat(draftWhenAnnounced).containsExactly(orderId);
            assertThat(journey.notes()).anySatisfy(note -> {
                assertThat(note.get("node")).isEqualTo("describe-problem");
                assertThat(note.get("result")).isEqualTo("draft order " + orderId + " written");
            });
            java.util.List<String> nodes = journey.steps().stream().map(step -> step.get("node")).toList();
            assertThat(nodes.indexOf("describe-problem")).isLessThan(nodes.indexOf("queue-check"));
        }
    }

    /**
     * A citizen describes a problem and the draft comes out categorized, located and prioritized. No Vosk
     * model can be downloaded here, so the recognizer's place is taken by a capture that returns what the
     * caller said (the text of ../shared/speech-samples/zh-06.wav, with a place added); everything after it,
     * the flow, the order rules, Redis and the event stream, is the real thing.
     */
    @Test
    void aDescribedProblemBecomesACategorizedLocatedUrgentDraftOnTheStream() throws Exception {
        String said = "我家老人独自在家，暖气不热，能不能尽快派人来看看，在朝阳区望京街道";
        OrderRules rules = OrderRules.load(Path.of("..", "config"));
        OrderSettings settings = OrderSettings.defaults();
        OrderStore[] store = new OrderStore[1];
        RedisGateway[] gateway = new RedisGateway[1];
        FlowServices.DescriptionCapture recognizer = (call, max) -> java.util.concurrent.CompletableFuture
                .completedFuture(new FlowServices.Description(said, "", "", false));
        try (FlowBench bench = new FlowBench(ShippedFlowsTest.FLOWS, temp.resolve("redis"), redis -> {
            gateway[0] = redis;
            store[0] = new OrderStore(redis, rules, settings, Clock.systemUTC());
            return StandInServices.of(redis, "127.0.0.1", 1).withDescriptions(recognizer)
                    .withOrders(new OrderPartDrafts(new DraftOrderWriter(redis, rules, store[0], settings)));
        })) {
            CallRecord record = bench.call(CallScenario.of("heating", "12345", "13800138006").press("1").press("1")
                    .press("1"));
            String orderId = bench.journey(record).call().get("orderId");

            DraftOrder order = store[0].get(orderId).orElseThrow();
            assertThat(order.transcript()).isEqualTo(said);
            assertThat(order.category()).isEqualTo("heating");
            assertThat(order.district()).isEqualTo("朝阳区");
            assertThat(order.street()).isEqualTo("望京街道");
            assertThat(order.urgency()).isEqualTo("high");
            assertThat(order.status()).isEqualTo(org.hotline.ivr.order.OrderStatus.DRAFT);
            var events = gateway[0].call("read events", jedis -> jedis.xrange(settings.keys().events(),
                    (redis.clients.jedis.StreamEntryID) null, (redis.clients.jedis.StreamEntryID) null));
            assertThat(events).anySatisfy(event -> {
                assertThat(event.getFields()).containsEntry("type", "drafted");
                assertThat(event.getFields()).containsEntry("orderId", orderId);
            });
        }
    }
}
