package org.hotline.ivr.order;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How orders are numbered and linked: the hotline number that starts every order id, the time zone
 * of the id's date, and how far back a caller's earlier orders are linked.
 */
public record OrderSettings(String hotline, ZoneId zone, Duration repeatWindow, OrderKeys keys) {

    public static OrderSettings defaults() {
        return new OrderSettings("12345", ZoneId.of("Asia/Shanghai"), Duration.ofDays(30), OrderKeys.DEFAULT);
    }
}
