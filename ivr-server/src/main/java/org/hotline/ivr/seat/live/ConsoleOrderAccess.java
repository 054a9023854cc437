package org.hotline.ivr.seat.live;

import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Optional;
import java.util.function.Function;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderAccess;
import org.hotline.ivr.seat.AssignedCalls;

/**
 * {@code /api/orders} behind the console's login, with the console's answers: 401 without a session, 403 for a
 * foreign Origin or a change without the session's CSRF token. A seat may read or change an order only if the
 * order's call was given to it (for as long as the call ledger remembers the call: a day), and list a number's
 * orders only while it holds a call from that number (403 otherwise), as on its screen.
 */
final class ConsoleOrderAccess implements OrderAccess {

    private final Function<FullHttpRequest, Acting> sessions;
    private final AssignedCalls calls;

    ConsoleOrderAccess(Function<FullHttpRequest, Acting> sessions, AssignedCalls calls) {
        this.sessions = sessions;
        this.calls = calls;
    }

    @Override
    public Acting acting(FullHttpRequest request) {
        return sessions.apply(request);
    }

    @Override
    public Optional<String> actingSeat(FullHttpRequest request) {
        return acting(request).seat();
    }

    @Override
    public boolean anonymousMayRead() {
        return false;
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
