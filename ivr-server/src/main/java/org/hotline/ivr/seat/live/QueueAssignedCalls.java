package org.hotline.ivr.seat.live;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline.ivr.ops.PhoneNumbers;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.queue.QueueRecords;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.AssignedCalls;
import org.hotline.ivr.seat.ScreenPop;
import org.hotline.ivr.seat.SeatStates;
import org.hotline.ivr.seat.SeatStatus;
import org.hotline.ivr.seat.TranscriptSnapshot;

/**
 * The call a seat holds, put together from the distributor's record of it ({@link QueueRecords.Call}: number,
 * language, arrival) while it lives, the call's draft order ({@link OrderStore#ofCall}: menu path, transcript), the
 * speech side's latest transcript ({@link TranscriptSnapshot}), and the {@link CallLedger} (this package's own keys)
 * that keeps the seat's claim after the call ends.
 */
public final class QueueAssignedCalls implements AssignedCalls {

    private final RedisGateway redis;
    private final QueueRecords records;
    private final SeatStates states;
    private final OrderStore orders;
    private final CallLedger ledger;

    public QueueAssignedCalls(RedisGateway redis, QueueRecords records, SeatStates states, OrderStore orders) {
        this.redis = redis;
        this.records = records;
        this.states = states;
        this.orders = orders;
        this.ledger = new CallLedger(redis);
    }

    @Override
    public Optional<ScreenPop> current(String seatId) {
        SeatStatus status = states.status(seatId);
        if (status.callId() != null) {
            ledger.record(seatId, status.callId(), status.since() == null ? Instant.now() : status.since());
            return find(status.callId());
        }
        if (SeatStatus.WRAP_UP.equals(status.state()) || status.afterCall()) {
            return ledger.lastCallOf(seatId).flatMap(this::find);
        }
        return Optional.empty();
    }

    @Override
    public Optional<ScreenPop> find(String callId) {
        Optional<CallLedger.Entry> claim = ledger.find(callId);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        String seatId = claim.get().seatId();
        Optional<QueueRecords.Call> call = records.call(seatId, callId);
        Optional<DraftOrder> order = orderOfCall(callId);
        String number = call.map(QueueRecords.Call::number).orElse(order.map(DraftOrder::callerNumber).orElse(""));
        String language = call.map(QueueRecords.Call::language).orElse(order.map(DraftOrder::language).orElse(""));
        List<String> menu = order.map(DraftOrder::menuPath).orElse(List.of());
        Instant arrival = call.map(QueueRecords.Call::arrival).orElse(null);
        TranscriptSnapshot heard = TranscriptSnapshot.read(redis, callId);
        String transcript = heard.finalText().isEmpty() ? order.map(DraftOrder::transcript).orElse("") : heard.finalText();
        boolean ended = call.map(live -> !live.withSeat()).orElse(true);
        return Optional.of(new ScreenPop(callId, seatId, PhoneNumbers.mask(number), language, menu,
                arrival, claim.get().assignedAt(),
                transcript, heard.partial(), order.map(DraftOrder::orderId).orElse(null), ended,
                transcript.isEmpty() ? heard.gap() : null));
    }

    @Override
    public List<String> recentCalls(String seatId, int limit) {
        return ledger.callsOf(seatId, limit);
    }

    @Override
    public Optional<Instant> assignedAt(String callId) {
        return ledger.find(callId).map(CallLedger.Entry::assignedAt);
    }

    @Override
    public Optional<String> orderOf(String callId) {
        return orderOfCall(callId).map(DraftOrder::orderId);
    }

    @Override
    public Optional<String> seatOf(String callId) {
        return ledger.find(callId).map(CallLedger.Entry::seatId);
    }

    @Override
    public Optional<String> callerNumber(String callId) {
        return ledger.find(callId).flatMap(claim -> {
            String number = records.call(claim.seatId(), callId).map(QueueRecords.Call::number).orElse(null);
            return number != null && !number.isEmpty() ? Optional.of(number) : orderOfCall(callId).map(DraftOrder::callerNumber);
        });
    }

    private Optional<DraftOrder> orderOfCall(String callId) {
        return orders.ofCall(callId);
    }
}
