package org.hotline.ivr.seat;

import java.util.List;
import java.util.Optional;

/** The draft orders, as far as the console reads and changes them. */
public interface OrderEditing {

    Optional<DraftOrder> find(String orderId);

    /** Stores the edit, still a draft, with the editing seat recorded; a field the store refuses throws
     * {@link IllegalArgumentException} naming it. */
    DraftOrder save(String orderId, OrderEdit edit, String seatId);

    /** Stores the edit and sets the status to {@code submitted}, with the editing seat recorded. */
    DraftOrder submit(String orderId, OrderEdit edit, String seatId);

    /** The caller's earlier orders, newest first, without {@code exceptOrderId}. */
    List<OrderSummary> earlierOf(String callerNumber, String exceptOrderId, int limit);
}
