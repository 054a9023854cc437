package org.hotline.ivr.flow;

/** How a caller's wait ended. */
public enum HoldOutcome {
    /** A seat answered; the conversation is over and the seat is in wrap-up. */
    CONNECTED,
    /** The caller chose a callback and was hung up on; the callback keeps the call's place. */
    CALLBACK,
    /** The caller hung up before a seat answered. */
    ABANDONED
}
