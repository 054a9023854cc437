package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.resps.StreamEntry;

class OrderStoreTest {

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();
    private static RedisOrders orders;
    private DraftOrder draft;

    @BeforeAll
    static void start() {
        orders = new RedisOrders(redis.gateway());
    }


    @BeforeEach
    void drafted() {
        draft = orders.writer.draft(new CallFacts("c1", "13800138000", "zh", List.of(), "我们小区门口的路灯坏了好几天了",
                "", Instant.parse("2026-11-25T02:00:00Z")));
    }

    /** What the console reads of orders goes through the store, not through the order's Redis keys. */
    @Test
    void theOrderOfACallAndTheEventsAfterACursorAreReadThroughTheStore() {
        assertThat(orders.store.ofCall("c1")).map(DraftOrder::orderId).contains(draft.orderId());
        assertThat(orders.store.ofCall("a call that drafted nothing")).isEmpty();
        orders.store.update(draft.orderId(), Map.of("summary", "路灯不亮"), "seat-01");

        List<OrderEvent> all = orders.store.eventsAfter("0-0", 100_000);
        assertThat(all).filteredOn(event -> event.orderId().equals(draft.orderId())).extracting(OrderEvent::type)
                .contains("drafted", "updated");
        List<OrderEvent> paged = new java.util.ArrayList<>();
        List<OrderEvent> page;
        String cursor = "0-0";
        do {
            page = orders.store.eventsAfter(cursor, 2);
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page);
            cursor = page.isEmpty() ? cursor : page.get(page.size() - 1).id();
        } while (page.size() == 2);
        assertThat(paged).as("pages of two, each after the last one read, neither repeating nor skipping").isEqualTo(all);
    }

    /** On a Cluster the orders of a month are on every master: one pipelined round trip per master reads them. */
    @Test
    void theOrdersOfAMonthAreReadWithTheirTextsOrWithout() {
        orders.store.update(draft.orderId(), Map.of("summary", "路灯不亮"), "seat-01");
        List<String> november = new java.util.ArrayList<>(List.of(draft.orderId()));
        for (int i = 0; i < 5; i++) {
            november.add(orders.writer.draft(new CallFacts("m" + i, "1380013800" + i, "zh", List.of(), "暖气不热 " + i, "",
                    Instant.parse("2026-11-30T15:00:00Z").plusSeconds(i))).orderId());
        }
        // 2026-11-30T16:00Z is December 1st in Beijing, the order ids' zone.
        String december = orders.writer.draft(new CallFacts("d1", "13800138009", "zh", List.of(), "暖气不热", "",
                Instant.parse("2026-11-30T16:00:00Z"))).orderId();

        List<OrderDigest> read = new java.util.ArrayList<>();
        assertThat(orders.store.eachInMonth(java.time.YearMonth.of(2026, 11), true, read::add)).isEqualTo(6);
        assertThat(read).extracting(OrderDigest::orderId).containsExactlyElementsOf(november);
        assertThat(read.get(0).summary()).isEqualTo("路灯不亮");
        assertThat(read.get(1).transcript()).isEqualTo("暖气不热 0");
        assertThat(read.get(1).category()).isEqualTo("heating");
        List<OrderDigest> bare = new java.util.ArrayList<>();
        orders.store.eachInMonth(java.time.YearMonth.of(2026, 12), false, bare::add);
        assertThat(bare).extracting(OrderDigest::orderId).containsExactly(december);
        assertThat(bare.get(0).transcript()).isEmpty();
        assertThat(bare.get(0).district()).isEmpty();
    }

    @Test
    void anOrderPastItsDeadlineCountsAsOverdueUntilItIsDispatchedToItsUnit() {
        Instant late = Instant.parse("2026-11-26T00:00:00Z");
        assertThat(draft.dispatchBy()).isEqualTo("2026-11-25T23:59+08:00");
        assertThat(orders.store.overdue(late)).isEqualTo(1);
        orders.store.submit(draft.orderId(), "seat-01");
        assertThat(orders.store.overdue(late)).as("submitted is not yet dispatched").isEqualTo(1);

        DraftOrder dispatched = orders.store.dispatch(draft.orderId(), "dispatcher-1", "");
        assertThat(dispatched.status()).isEqualTo(OrderStatus.DISPATCHED);
        assertThat(dispatched.progress().dispatchedTo()).isEqualTo(draft.handlingUnit()).isNotEmpty();
        assertThat(dispatched.progress().dispatchedAt()).isNotEmpty();
        assertThat(orders.store.overdue(late)).isZero();

        DraftOrder handled = orders.store.handled(draft.orderId(), "unit-1");
        assertThat(handled.status()).isEqualTo(OrderStatus.HANDLED);
        assertThat(handled.progress().handledAt()).isNotEmpty();
        assertThat(orders.store.close(draft.orderId(), "unit-1").status()).isEqualTo(OrderStatus.CLOSED);
    }

    @Test
    void aHandledOrderCannotBeDispatchedAgainNorADraftReportedHandled() {
        assertThatThrownBy(() -> orders.store.handled(draft.orderId(), "unit-1"))
                .isInstanceOf(OrderEditException.class).hasMessageContaining("is draft");
        orders.store.dispatch(draft.orderId(), "dispatcher-1", "朝阳区城市管理委员会");
        orders.store.handled(draft.orderId(), "unit-1");
        assertThatThrownBy(() -> orders.store.dispatch(draft.orderId(), "dispatcher-1", ""))
                .isInstanceOf(OrderEditException.class).hasMessageContaining("is handled");
    }

    @Test
    void aSeatRaisingTheUrgencyBringsTheDispatchDeadlineForward() {
        // Accepted 10:00 Beijing as normal (by 23:59); an emergency is due within 30 minutes of acceptance.
        DraftOrder raised = orders.store.update(draft.orderId(), Map.of("urgency", "emergency"), "seat-07");
        assertThat(raised.dispatchBy()).isEqualTo("2026-11-25T10:30+08:00");
        assertThat(orders.store.overdue(Instant.parse("2026-11-25T02:31:00Z"))).isEqualTo(1);
    }

    @Test
    void aSeatsCorrectionsAreStoredWithWhoChangedWhatFromWhatToWhat() {
        DraftOrder updated = orders.store.update(draft.orderId(),
                Map.of("district", "Chaoyang", "street", "劲松街道", "urgency", "high"), "seat-07");

        assertThat(updated.district()).isEqualTo("朝阳区");
        assertThat(updated.street()).isEqualTo("劲松街道");
        assertThat(updated.urgency()).isEqualTo("high");
        assertThat(updated.history()).extracting(Edit::seat, Edit::field, Edit::oldValue, Edit::newValue)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("seat-07", "district", "", "朝阳区"),
                        org.assertj.core.groups.Tuple.tuple("seat-07", "street", "", "劲松街道"),
                        org.assertj.core.groups.Tuple.tuple("seat-07", "urgency", "normal", "high"),
                        org.assertj.core.groups.Tuple.tuple("seat-07", "dispatchBy", "2026-11-25T23:59+08:00",
                                "2026-11-25T12:00+08:00"),
                        org.assertj.core.groups.Tuple.tuple("seat-07", "handlingUnit", draft.handlingUnit(),
                                "劲松街道办事处"));
        assertThat(updated.history()).allSatisfy(edit -> assertThat(edit.at()).isNotEmpty());
    }

    @Test
    void changingTheCategoryClearsASubCategoryThatNoLongerFits() {
        assertThat(draft.subCategory()).isEqualTo("public-facilities");
        DraftOrder updated = orders.store.update(draft.orderId(), Map.of("category", "traffic-parking"), "seat-01");
        assertThat(updated.subCategory()).isEmpty();
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndNothingIsWritten() {
        assertThatThrownBy(() -> orders.store.update(draft.orderId(), Map.of("district", "Gotham"), "s"))
                .isInstanceOf(OrderEditException.class).hasMessageStartingWith("district:");
        assertThatThrownBy(() -> orders.store.update(draft.orderId(), Map.of("status", "closed"), "s"))
                .hasMessageStartingWith("status:");
        assertThatThrownBy(() -> orders.store.update(draft.orderId(), Map.of("subCategory", "taxi"), "s"))
                .hasMessageStartingWith("subCategory:");
        assertThatThrownBy(() -> orders.store.update(draft.orderId(), Map.of("street", "望京街道"), "s"))
                .hasMessageStartingWith("street:");
        assertThat(orders.store.get(draft.orderId())).contains(draft);
    }

    @Test
    void aSubmittedOrderIsAmendedWithItsHistoryUntilDispatchedAndIsNeverSubmittedTwice() {
        DraftOrder submitted = orders.store.submit(draft.orderId(), "seat-02");
        assertThat(submitted.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(submitted.history()).extracting(Edit::field, Edit::newValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("status", "submitted"));

        DraftOrder amended = orders.store.update(draft.orderId(), Map.of("summary", "路灯坏了三天"), "seat-02");
        assertThat(amended.status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(amended.history()).extracting(Edit::seat, Edit::field, Edit::oldValue, Edit::newValue).endsWith(
                org.assertj.core.groups.Tuple.tuple("seat-02", "summary", draft.summary(), "路灯坏了三天"));
        assertThatThrownBy(() -> orders.store.submit(draft.orderId(), "seat-02"))
                .isInstanceOf(OrderEditException.class);

        orders.store.dispatch(draft.orderId(), "dispatcher-1", "");
        assertThatThrownBy(() -> orders.store.update(draft.orderId(), Map.of("summary", "x"), "seat-02"))
                .isInstanceOfSatisfying(OrderEditException.class,
                        e -> assertThat(e.kind()).isEqualTo(OrderEditException.Kind.CONFLICT));
        assertThat(orders.store.close(draft.orderId(), "supervisor-1").status()).isEqualTo(OrderStatus.CLOSED);
    }

    @Test
    void theSuggestedUnitFollowsCategoryAndPlaceUntilTheSeatPicksOne() {
        DraftOrder moved = orders.store.update(draft.orderId(), Map.of("category", "city-management",
                "district", "朝阳区", "street", "双井街道", "handlingUnit", draft.handlingUnit()), "seat-05");
        assertThat(moved.handlingUnit()).as("the form sent the unit it showed: not a pick").isEqualTo("双井街道办事处");
        DraftOrder heating = orders.store.update(draft.orderId(), Map.of("category", "heating"), "seat-05");
        assertThat(heating.handlingUnit()).isEqualTo("朝阳区城市管理委员会（供热办）");

        DraftOrder picked = orders.store.update(draft.orderId(), Map.of("handlingUnit", "朝阳区住房和城乡建设委员会"), "seat-05");
        assertThat(picked.handlingUnit()).isEqualTo("朝阳区住房和城乡建设委员会");
        DraftOrder later = orders.store.update(draft.orderId(), Map.of("street", "劲松街道",
                "handlingUnit", "朝阳区住房和城乡建设委员会"), "seat-05");
        assertThat(later.handlingUnit()).as("the seat's pick stands").isEqualTo("朝阳区住房和城乡建设委员会");
    }

    @Test
    void theSeatsHandlingDecisionsAreCheckedAndADirectAnswerIsHandledOnSubmit() {
        DraftOrder decided = orders.store.update(draft.orderId(), Map.of("type", "consult", "handling", "direct",
                "replyRequired", "true", "confidential", "true", "contactName", "王女士",
                "callbackNumber", "010-6512 3456"), "seat-06");
        assertThat(decided.handling()).isEqualTo(new OrderHandling("consult", "direct", true, true, "王女士",
                "010-6512 3456", ""));
        assertThatThrownBy(() -> orders.store.update(draft.orderId(), Map.of("type", "gossip"), "seat-06"))
                .hasMessageStartingWith("type:");
        assertThatThrownBy(() -> orders.store.update(draft.orderId(), Map.of("callbackNumber", "call me"), "seat-06"))
                .hasMessageStartingWith("callbackNumber:");
        assertThatThrownBy(() -> orders.store.update(draft.orderId(), Map.of("repeatOf", draft.orderId()), "seat-06"))
                .hasMessageStartingWith("repeatOf:");
        assertThat(orders.store.overdue(Instant.parse("2026-11-26T00:00:00Z"))).isEqualTo(1);

        DraftOrder done = orders.store.submit(draft.orderId(), "seat-06");
        assertThat(done.status()).as("answered in the call: nothing to dispatch").isEqualTo(OrderStatus.HANDLED);
        assertThat(done.progress().handledAt()).isNotEmpty();
        assertThat(orders.store.overdue(Instant.parse("2026-11-26T00:00:00Z"))).isZero();
    }

    @Test
    void updatesAndSubmissionsGoOutOnTheStream() {
        orders.store.update(draft.orderId(), Map.of("summary", "路灯不亮"), "seat-03");
        orders.store.update(draft.orderId(), Map.of("summary", "路灯不亮"), "seat-03"); // no change, no event
        orders.store.submit(draft.orderId(), "seat-03");

        List<StreamEntry> entries = orders.redis.call("range", jedis -> jedis.xrange("order:events", "-", "+"));
        assertThat(entries).extracting(e -> e.getFields().get("type")).containsExactly("drafted", "updated", "submitted");
        assertThat(entries.get(1).getFields()).containsEntry("fields", "summary").containsEntry("seat", "seat-03");
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertThat(orders.store.get("12345-20200101-000001")).isEmpty();
        assertThatThrownBy(() -> orders.store.submit("12345-20200101-000001", "s"))
                .isInstanceOfSatisfying(OrderEditException.class,
                        e -> assertThat(e.kind()).isEqualTo(OrderEditException.Kind.NOT_FOUND));
    }
}
