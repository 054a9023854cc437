package org.hotline.ivr.queue;

/** What a caller's hang-up ended, as the queue recorded it. */
public enum CallerHangup {
    /** The caller left while waiting or while a seat rang: counted as abandoned. */
    WHILE_WAITING,
    /** A seat's answer had been reported: the conversation ended and the seat went to wrap-up. */
    AFTER_CONVERSATION
}
