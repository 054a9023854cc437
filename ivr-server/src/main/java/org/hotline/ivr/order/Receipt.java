package org.hotline.ivr.order;

/**
 * What the citizen is told by SMS about an order: {@code kind} (e.g. {@code receipt}) with the order id makes the
 * message's idempotent key, so one order is never told the same thing twice. {@code to} is the mobile number,
 * national form.
 */
public record Receipt(String orderId, String kind, String to, String language, String text) {

    /** The key no second message for the same order and text may share. */
    public String key() {
        return kind + ":" + orderId;
    }
}
