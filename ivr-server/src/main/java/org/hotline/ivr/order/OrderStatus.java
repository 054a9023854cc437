package org.hotline.ivr.order;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A draft is made by the server and submitted by a seat; it is dispatched to its handling unit, which reports
 * it handled; it is closed when the case is done. A citizen who answers the survey "not resolved" or
 * "dissatisfied" reopens it: back to its unit as {@link #REHANDLE} (重办), the second time {@link #SUPERVISE}
 * (督办, escalated); the unit reports it handled again before it can be closed.
 */
public enum OrderStatus {
    DRAFT, SUBMITTED, DISPATCHED, HANDLED, CLOSED, REHANDLE, SUPERVISE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
