package org.hotline.ivr.order;

/**
 * Which orders a seat may read and change through {@code /api/orders}; the front door has already proved the
 * seat (anonymous 401, no seat role 403). Behind the seat console a seat may touch only the orders of calls it was
 * given. Implementations may read Redis: the API runs on the HTTP route pool.
 */
public interface OrderAccess {

    /** Any seat, any order: for tests and for wiring where seats are trusted. */
    OrderAccess ANY_SEAT = new OrderAccess() {
        @Override
        public boolean mayUse(String seatId, DraftOrder order) {
            return true;
        }

        @Override
        public boolean mayList(String seatId, String callerNumber) {
            return true;
        }
    };

    /** Whether {@code seatId} may read and change {@code order}. */
    boolean mayUse(String seatId, DraftOrder order);

    /** Whether {@code seatId} may list the orders of {@code callerNumber}. */
    boolean mayList(String seatId, String callerNumber);
}
