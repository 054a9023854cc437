package org.hotline.ivr.order;

/**
 * One entry of the order event stream, as a reader that counts needs it: {@code id} its stream id
 * ({@code <epoch ms>-<seq>}, the cursor to read on from), {@code type} ({@code drafted}, {@code submitted},
 * {@code closed} ...) and the order it is about.
 */
public record OrderEvent(String id, String type, String orderId) {
}
