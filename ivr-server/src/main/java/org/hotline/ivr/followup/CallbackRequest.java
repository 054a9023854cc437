package org.hotline.ivr.followup;

import org.hotline.ivr.ops.PhoneNumbers;

/**
 * A callback the queue hands over once a seat is ready for it. {@code attempt} numbers its first try (the queue
 * retries a callback by handing it over again). The number is masked when printed.
 */
public record CallbackRequest(String callbackId, String orderId, String seatId, String seatDevice, String citizenNumber,
                              int attempt) {

    public CallbackRequest(String callbackId, String orderId, String seatId, String seatDevice, String citizenNumber) {
        this(callbackId, orderId, seatId, seatDevice, citizenNumber, 1);
    }

    @Override
    public String toString() {
        return "CallbackRequest[" + callbackId + " order=" + orderId + " seat=" + seatId + " via " + seatDevice
                + " to " + PhoneNumbers.mask(citizenNumber) + " attempt " + attempt + "]";
    }
}
