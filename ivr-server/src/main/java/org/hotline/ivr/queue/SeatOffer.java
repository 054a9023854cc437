package org.hotline.ivr.queue;

import java.time.Duration;
import org.hotline.ivr.ops.PhoneNumbers;

/**
 * A seat reserved for a call. The call's node dials {@code device} for at most {@code ringTimeout} and
 * reports {@code answered} or {@code ringNoAnswer}; for a callback the {@link CallbackDialer} does.
 *
 * @param waited         how long the call had waited when the seat was chosen
 * @param callbackNumber the number to call back; empty for a live call
 */
public record SeatOffer(String callId, String seatId, String device, String queue, Duration ringTimeout,
                        Duration waited, boolean callback, String callbackNumber) {

    @Override
    public String toString() {
        return "SeatOffer[callId=" + callId + ", seatId=" + seatId + ", device=" + device + ", queue=" + queue
                + ", ringTimeout=" + ringTimeout + ", waited=" + waited + ", callback=" + callback
                + (callback ? ", callbackNumber=" + PhoneNumbers.mask(callbackNumber) : "") + "]";
    }
}
