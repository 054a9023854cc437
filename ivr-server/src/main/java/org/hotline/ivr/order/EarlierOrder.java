package org.hotline.ivr.order;

/** An order from the same caller number within the repeat window, as the seat sees it beside the draft. */
public record EarlierOrder(String orderId, String createdAt, String category, String district, String street,
                           String status) {
}
