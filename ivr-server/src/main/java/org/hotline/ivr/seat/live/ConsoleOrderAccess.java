package org.hotline.ivr.seat.live;

import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderAccess;
import org.hotline.ivr.seat.AssignedCalls;

/**
 * {@code /api/orders} with the console's rule: a seat may read or change an order only if the order's call was
 * given to it (for as long as the call ledger remembers the call: a day), and list a number's orders only while it
 * holds a call from that number (403 otherwise), as on its screen.
 */
final class ConsoleOrderAccess implements OrderAccess {

    private final AssignedCalls calls;

    ConsoleOrderAccess(AssignedCalls calls) {
        this.calls = calls;
    }

    @Override
    public boolean mayUse(String seatId, DraftOrder order) {
        return calls.seatOf(order.callId()).filter(seatId::equals).isPresent();
    }

    @Override
    public boolean mayList(String seatId, String callerNumber) {
        return calls.current(seatId).flatMap(pop -> calls.callerNumber(pop.callId())).filter(callerNumber::equals)
                .isPresent();
    }
}
