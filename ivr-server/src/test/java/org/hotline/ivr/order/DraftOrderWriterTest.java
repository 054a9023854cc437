package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

class DraftOrderWriterTest {

    private static final Instant NOON = Instant.parse("2026-11-25T04:00:00Z");

    @TempDir
    static Path dataDir;
    private static RedisOrders orders;

    @BeforeAll
    static void start() {
        orders = new RedisOrders(dataDir);
    }

    @AfterAll
    static void stop() {
        orders.close();
    }

    @BeforeEach
    void clean() {
        orders.flush();
    }

    private static CallFacts call(String callId, String caller, String text, Instant at) {
        return new CallFacts(callId, caller, "zh", List.of("language:zh", "service:2", "describe"), text,
                "data/recordings/" + callId + ".wav", at);
    }

    @Test
    void aDescribedProblemBecomesAStoredDraftWithCategoryPlaceUrgencyAndUnit() {
        DraftOrder order = orders.writer.draft(call("1700000000.1", "13800138000",
                "我家老人独自在家，朝阳区双井街道，暖气不热，能不能尽快派人来看看", NOON));

        assertThat(order.orderId()).isEqualTo("12345-20261125-000001");
        assertThat(order.category()).isEqualTo("heating");
        assertThat(order.district()).isEqualTo("朝阳区");
        assertThat(order.street()).isEqualTo("双井街道");
        assertThat(order.urgency()).isEqualTo("high");
        assertThat(order.handlingUnit()).isEqualTo("朝阳区城市管理委员会（供热办）");
        assertThat(order.status()).isEqualTo(OrderStatus.DRAFT);
        assertThat(order.evidence()).contains("zh:暖气不热", "zh:双井街道", "urgency:no-heating-vulnerable");
        assertThat(order.dispatchBy()).as("high urgency at noon: within 2 h").isEqualTo("2026-11-25T14:00+08:00");
        assertThat(orders.store.get(order.orderId())).contains(order);
    }

    @Test
    void aDraftAcceptedAfterTheCutoffIsDueAt10TheNextMorningInTheFlowsZone() {
        Instant evening = Instant.parse("2026-12-02T09:05:00Z"); // 17:05 in Beijing
        CallFacts facts = new CallFacts("late-1", "13800138000", "zh", List.of(), "海淀区中关村大街有一辆共享单车堵住了盲道",
                "", evening, java.time.ZoneId.of("Asia/Shanghai"));
        DraftOrder order = orders.writer.draft(facts);
        assertThat(order.dispatchBy()).isEqualTo("2026-12-03T10:00+08:00");
        assertThat(orders.store.overdue(Instant.parse("2026-12-03T01:59:00Z"))).isZero();
        assertThat(orders.store.overdue(Instant.parse("2026-12-03T02:01:00Z"))).as("past 10:00 Beijing").isEqualTo(1);
    }

    @Test
    void orderIdsCountUpPerDayInBeijingTime() {
        Instant lateEvening = Instant.parse("2026-11-25T16:30:00Z"); // 00:30 on the 26th in Beijing
        assertThat(orders.writer.draft(call("a", "1", "垃圾", NOON)).orderId()).isEqualTo("12345-20261125-000001");
        assertThat(orders.writer.draft(call("b", "1", "垃圾", NOON)).orderId()).isEqualTo("12345-20261125-000002");
        assertThat(orders.writer.draft(call("c", "1", "垃圾", lateEvening)).orderId()).isEqualTo("12345-20261126-000001");
    }

    @Test
    void aRetriedWriteForTheSameCallReturnsTheFirstOrderAndPublishesOnce() {
        CallFacts facts = call("1700000000.2", "13800138000", "海淀区中关村大街有一辆共享单车堵住了盲道", NOON);
        DraftOrder first = orders.writer.draft(facts);
        DraftOrder again = orders.writer.draft(facts);

        assertThat(again).isEqualTo(first);
        assertThat(orders.store.listByCaller("13800138000", 10)).hasSize(1);
        assertThat(streamLength()).isEqualTo(1);
    }

    @Test
    void concurrentWritesForOneCallCreateExactlyOneOrder() throws Exception {
        CallFacts facts = call("1700000000.3", "13900139000", "东城区和平里的自来水发黄，已经两天了", NOON);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DraftOrder>> writers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                writers.add(() -> orders.writer.draft(facts));
            }
            Set<String> ids = new java.util.HashSet<>();
            for (Future<DraftOrder> result : pool.invokeAll(writers)) {
                ids.add(result.get().orderId());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(orders.store.listByCaller("13900139000", 10)).hasSize(1);
        assertThat(streamLength()).isEqualTo(1);
    }

    @Test
    void aCreateRetriedAfterALostReplyStillKnowsItCreatedTheOrder() {
        DraftOrder order = orders.writer.draft(call("t1", "13800138000", "垃圾没人清运", NOON));
        DraftOrder copy = new DraftOrder("12345-20261125-999999", order.callId(), order.callerNumber(), order.language(),
                order.menuPath(), order.transcript(), order.recordingPath(), order.category(), order.subCategory(),
                order.district(), order.street(), order.community(), order.urgency(), order.emergencyDial(),
                order.summary(), order.handlingUnit(), order.dispatchBy(), order.earlierOrders(), order.repeat(), order.status(),
                order.evidence(), order.createdAt(), order.updatedAt(), order.progress(), order.history());

        assertThat(orders.writer.create(copy, "token-a")).isTrue();
        assertThat(orders.writer.create(copy, "token-a")).as("the same writer's retry").isTrue();
        assertThat(orders.writer.create(copy, "token-b")).as("another writer").isFalse();
    }

    @Test
    void aRepeatCallerAboutTheSameProblemAndPlaceIsLinkedAndFlagged() {
        DraftOrder first = orders.writer.draft(call("r1", "13700137000", "朝阳区望京街道的垃圾已经三天没人清运了", NOON));
        DraftOrder other = orders.writer.draft(call("r2", "13700137000", "海淀区上地有工地夜间施工", NOON.plusSeconds(60)));
        DraftOrder again = orders.writer.draft(call("r3", "13700137000", "望京的垃圾还是没人清运", NOON.plus(Duration.ofDays(2))));

        assertThat(other.repeat()).isFalse();
        assertThat(again.earlierOrders()).extracting(EarlierOrder::orderId)
                .containsExactly(other.orderId(), first.orderId());
        assertThat(again.repeat()).isTrue();
    }

    @Test
    void ordersOlderThanThirtyDaysAreNotLinked() {
        orders.writer.draft(call("o1", "13600136000", "朝阳区望京街道的垃圾没人清运", NOON));
        DraftOrder later = orders.writer.draft(call("o2", "13600136000", "朝阳区望京街道的垃圾没人清运",
                NOON.plus(Duration.ofDays(31))));

        assertThat(later.earlierOrders()).isEmpty();
        assertThat(later.repeat()).isFalse();
    }

    @Test
    void withheldNumbersAreNotTakenForOneRepeatCaller() {
        orders.writer.draft(call("w1", "anonymous", "朝阳区望京街道的垃圾没人清运", NOON));
        DraftOrder second = orders.writer.draft(call("w2", "anonymous", "朝阳区望京街道的垃圾没人清运", NOON.plusSeconds(60)));

        assertThat(second.earlierOrders()).isEmpty();
        assertThat(second.repeat()).isFalse();
        assertThat(orders.store.listByCaller("anonymous", 10)).isEmpty();
    }

    @Test
    void silenceStillGivesAnUnclassifiedDraft() {
        DraftOrder order = orders.writer.draft(call("s1", "", "", NOON));

        assertThat(order.category()).isEqualTo("unclassified");
        assertThat(order.handlingUnit()).isEqualTo("12345热线派单组");
        assertThat(orders.store.get(order.orderId())).isPresent();
    }

    @Test
    void draftsAreReadableThroughAConsumerGroup() {
        DraftOrder order = orders.writer.draft(call("g1", "13500135000", "西城区有一家餐馆油烟直排，影响居民生活", NOON));
        orders.redis.call("group", jedis -> jedis.xgroupCreate("order:events", "dispatch", new StreamEntryID(0, 0), false));

        List<Map.Entry<String, List<StreamEntry>>> read = orders.redis.call("read", jedis -> jedis.xreadGroup(
                "dispatch", "worker-1", XReadGroupParams.xReadGroupParams().count(10),
                Map.of("order:events", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));

        List<StreamEntry> entries = read.get(0).getValue();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getFields()).containsEntry("type", "drafted")
                .containsEntry("orderId", order.orderId())
                .containsEntry("category", "noise-environment")
                .containsEntry("district", "西城区");
        long acked = orders.redis.call("ack", jedis -> jedis.xack("order:events", "dispatch", entries.get(0).getID()));
        assertThat(acked).isEqualTo(1);
    }

    private long streamLength() {
        return orders.redis.call("xlen", jedis -> jedis.xlen("order:events"));
    }

    static Set<String> types(List<StreamEntry> entries) {
        return entries.stream().map(e -> e.getFields().get("type")).collect(Collectors.toSet());
    }
}
