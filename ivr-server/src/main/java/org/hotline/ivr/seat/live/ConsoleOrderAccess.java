package org.hotline.ivr.seat.live;

import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Optional;
import java.util.function.Function;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderAccess;
import org.hotline.ivr.seat.AssignedCalls;
import org.hotline.ivr.seat.ScreenPop;

/**
 * {@code /api/orders} behind the console's login: the acting seat is the one of the request's console session
 * (anonymous requests get 401), and a seat may read or change an order only if the order's call was given to it,
 * and list a number's orders only while it holds a call from that number (403 otherwise), as on its screen.
 */
final class ConsoleOrderAccess implements OrderAccess {

    private final Function<FullHttpRequest, Optional<String>> sessionSeat;
    private final AssignedCalls calls;

    ConsoleOrderAccess(Function<FullHttpRequest, Optional<String>> sessionSeat, AssignedCalls calls) {
        this.sessionSeat = sessionSeat;
        this.calls = calls;
    }

    @Override
    public Optional<String> actingSeat(FullHttpRequest request) {
        return sessionSeat.apply(request);
    }

    @Override
    public boolean anonymousMayRead() {
        return false;
    }

    @Override
    public boolean mayUse(String seatId, DraftOrder order) {
        return calls.find(order.callId()).map(ScreenPop::seatId).filter(seatId::equals).isPresent();
    }

    @Override
    public boolean mayList(String seatId, String callerNumber) {
        return calls.current(seatId).flatMap(pop -> calls.callerNumber(pop.callId())).filter(callerNumber::equals)
                .isPresent();
    }
}
