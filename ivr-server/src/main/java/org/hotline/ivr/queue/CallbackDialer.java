package org.hotline.ivr.queue;

import org.slf4j.LoggerFactory;

/**
 * Places a callback whose turn has come: a seat is reserved for it. The implementation (AMI originate)
 * rings the seat first and, once the seat answers, the citizen; it then reports {@code answered},
 * {@code ringNoAnswer} (seat did not answer: the callback goes back to the head of its queue) and
 * {@code hangupAfterCall} to the {@link CallDistributor}, as the live-call path does.
 */
@FunctionalInterface
public interface CallbackDialer {

    /** Must not block: it runs on the thread that made the routing decision. */
    void dial(SeatOffer offer);

    /** Until one is connected: logs and leaves the seat to the offer timer, which pauses it ("no answer"). */
    CallbackDialer NONE = offer -> LoggerFactory.getLogger(CallbackDialer.class)
            .warn("callback {} reached seat {} but no callback dialer is configured", offer.callId(), offer.seatId());
}
