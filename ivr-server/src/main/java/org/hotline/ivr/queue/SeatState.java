package org.hotline.ivr.queue;

import java.util.Arrays;

/** Where a seat is in its cycle; the Redis spelling is {@link #code()}. */
public enum SeatState {
    LOGGED_OUT("out"),
    READY("ready"),
    /** Reserved for one call while its device rings. */
    OFFERED("offered"),
    ON_CALL("oncall"),
    WRAP_UP("wrapup"),
    /** Not taking calls; the reason says why (break, training, "no answer"). */
    PAUSED("paused");

    private final String code;

    SeatState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SeatState byCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst().orElse(LOGGED_OUT);
    }
}
