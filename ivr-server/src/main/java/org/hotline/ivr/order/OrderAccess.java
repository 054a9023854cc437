package org.hotline.ivr.order;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may read and change which order through {@code /api/orders}. Behind the seat console a seat may touch
 * only the orders of calls it was given, and anonymous requests are refused; {@link #trustedHeader} is the
 * open mode for tests and trusted networks. Implementations may read Redis: the API calls them off the event loop.
 */
public interface OrderAccess {

    /** Who a request acts for: a seat, nobody (anonymous), or nobody with the response that refuses it. */
    record Acting(Optional<String> seat, Optional<FullHttpResponse> refusal) {

        public static Acting as(String seat) {
            return new Acting(Optional.of(seat), Optional.empty());
        }

        public static Acting anonymous() {
            return new Acting(Optional.empty(), Optional.empty());
        }

        /** Refused outright, e.g. the console's 403 for a change without its CSRF token. */
        public static Acting refused(FullHttpResponse response) {
            return new Acting(Optional.empty(), Optional.of(response));
        }
    }

    /** The seat a request acts for; empty: anonymous. */
    Optional<String> actingSeat(FullHttpRequest request);

    /** {@link #actingSeat}, for access rules that refuse some requests with an answer of their own. */
    default Acting acting(FullHttpRequest request) {
        return actingSeat(request).map(Acting::as).orElseGet(Acting::anonymous);
    }

    /** Whether an anonymous request may read orders (never change them). */
    boolean anonymousMayRead();

    /** Whether {@code seatId} may read and change {@code order}. */
    boolean mayUse(String seatId, DraftOrder order);

    /** Whether {@code seatId} may list the orders of {@code callerNumber}. */
    boolean mayList(String seatId, String callerNumber);

    /** Open access: reads for anyone, changes for any seat the resolver names (e.g. {@link OrderHttpApi#seatFromHeader()}). */
    static OrderAccess trusted(Function<FullHttpRequest, Optional<String>> actingSeat) {
        return new OrderAccess() {
            @Override
            public Optional<String> actingSeat(FullHttpRequest request) {
                return actingSeat.apply(request);
            }

            @Override
            public boolean anonymousMayRead() {
                return true;
            }

            @Override
            public boolean mayUse(String seatId, DraftOrder order) {
                return true;
            }

            @Override
            public boolean mayList(String seatId, String callerNumber) {
                return true;
            }
        };
    }

    /** {@link #trusted} with the seat named by the {@code X-Seat-Id} header. */
    static OrderAccess trustedHeader() {
        return trusted(OrderHttpApi.seatFromHeader());
    }
}
