package org.hotline.ivr.order;

/**
 * The few fields of an order a monthly report reads: its category and place as they stand now (a seat's
 * correction included), and what the caller said ({@code transcript}) and the seat's {@code summary}; the texts are
 * empty when the reader asked for none.
 */
public record OrderDigest(String orderId, String language, String category, String subCategory, String district,
                          String street, String community, String transcript, String summary) {
}
