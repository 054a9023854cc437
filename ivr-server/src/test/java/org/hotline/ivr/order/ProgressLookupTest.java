package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Progress by phone on real Redis: a caller hears only their own cases. */
class ProgressLookupTest {

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();
    private RedisOrders orders;
    private ProgressLookup lookup;

    @BeforeEach
    void start() {
        orders = new RedisOrders(redis.gateway());
        lookup = new ProgressLookup(redis.gateway(), orders.store, OrderSettings.defaults());
    }

    private DraftOrder order(String callId, String caller, String at) {
        return orders.writer.draft(new CallFacts(callId, caller, "zh", List.of("1"), "路灯 坏了", "", Instant.parse(at)));
    }

    @Test
    void theCallerFindsTheirOrderByItsDigitsWithOrWithoutTheHotlinesPrefix() {
        DraftOrder mine = order("c1", "13800138000", "2026-12-02T02:00:00Z");
        String keyed = lookup.keyedNumber(mine.orderId());
        assertThat(keyed).isEqualTo(mine.orderId().substring("12345-".length()).replace("-", "")).hasSize(14);

        assertThat(lookup.find("13800138000", keyed)).map(DraftOrder::orderId).contains(mine.orderId());
        assertThat(lookup.find("13800138000", "12345" + keyed)).map(DraftOrder::orderId).contains(mine.orderId());
        assertThat(lookup.find("+8613800138000", keyed)).as("the same mobile with the country code")
                .map(DraftOrder::orderId).contains(mine.orderId());
    }

    @Test
    void someoneElsesOrderIsNotFoundExactlyAsOneThatDoesNotExist() {
        DraftOrder theirs = order("c2", "13900139000", "2026-12-02T02:00:00Z");
        String keyed = lookup.keyedNumber(theirs.orderId());
        assertThat(lookup.find("13800138000", keyed)).isEmpty();
        assertThat(lookup.find("13800138000", "20261202999999")).isEmpty();
        assertThat(lookup.find("anonymous", keyed)).as("a withheld number hears nothing").isEmpty();
        assertThat(lookup.find("13800138000", "123")).isEmpty();
    }

    @Test
    void nothingKeyedFindsTheCallersMostRecentOrder() {
        order("c3", "13800138000", "2026-12-01T02:00:00Z");
        DraftOrder latest = order("c4", "13800138000", "2026-12-02T03:00:00Z");
        order("c5", "13900139000", "2026-12-02T04:00:00Z");
        assertThat(lookup.find("13800138000", "")).map(DraftOrder::orderId).contains(latest.orderId());
        assertThat(lookup.find("13700137000", "")).isEmpty();
    }
}
