package org.hotline.ivr.seat;

/** Who a console session belongs to; each role has its own cookie so one browser can hold both. */
public enum Role {
    SEAT("ivr_seat"),
    SUPERVISOR("ivr_supervisor");

    private final String cookie;

    Role(String cookie) {
        this.cookie = cookie;
    }

    public String cookie() {
        return cookie;
    }
}
