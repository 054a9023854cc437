package org.hotline.ivr.order;

/**
 * Redis key names. Keys of one order share a hash tag ({@code order:{12345-20261125-000042}} and its
 * {@code :history}) so that one script can update both on Redis Cluster; the other keys stand alone
 * and are touched by single commands.
 */
public record OrderKeys(String prefix) {

    public static final OrderKeys DEFAULT = new OrderKeys("order");

    String order(String orderId) {
        return prefix + ":{" + orderId + "}";
    }

    String history(String orderId) {
        return order(orderId) + ":history";
    }

    /** Contacts with the citizen after the call (callback attempts, survey), one JSON entry each. */
    String contacts(String orderId) {
        return order(orderId) + ":contacts";
    }

    /** Which order a call produced: the idempotency claim. */
    public String byCall(String callId) {
        return prefix + ":bycall:{" + callId + "}";
    }

    /** A caller number's orders, scored by creation time in epoch milliseconds. */
    String byCaller(String number) {
        return prefix + ":bycaller:{" + number + "}";
    }

    /** Orders not yet dispatched, scored by their dispatch deadline in epoch milliseconds. */
    String undispatched() {
        return prefix + ":undispatched";
    }

    /** Orders being handled again (re-handled or escalated), scored by when they were reopened (epoch ms). */
    String rehandling() {
        return prefix + ":rehandling";
    }

    /**
     * The orders drafted in one month of the order ids' zone ({@code order:month:{2026-11}}), scored by creation
     * time in epoch milliseconds: what the monthly hot topics read. One key a month, so none grows without end.
     */
    String month(java.time.YearMonth month) {
        return prefix + ":month:{" + month + "}";
    }

    String sequence(String day) {
        return prefix + ":seq:{" + day + "}";
    }

    public String events() {
        return prefix + ":events";
    }
}
