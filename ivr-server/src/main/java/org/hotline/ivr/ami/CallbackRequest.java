package org.hotline.ivr.ami;

import org.hotline.ivr.ops.PhoneNumbers;

/** A callback the queue hands over once a seat is ready for it. The number is masked when printed. */
public record CallbackRequest(String callbackId, String orderId, String seatId, String seatDevice, String citizenNumber) {

    @Override
    public String toString() {
        return "CallbackRequest[" + callbackId + " order=" + orderId + " seat=" + seatId + " via " + seatDevice
                + " to " + PhoneNumbers.mask(citizenNumber) + "]";
    }
}
