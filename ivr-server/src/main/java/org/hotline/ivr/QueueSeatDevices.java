package org.hotline.ivr;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hotline.ivr.ami.SeatDeviceStates;
import org.hotline.ivr.ami.SeatDevices;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.QueueRecords;
import org.hotline.ivr.queue.QueueSetup;
import org.hotline.ivr.queue.QueueStateException;
import org.hotline.ivr.queue.SeatConfig;
import org.hotline.ivr.queue.SeatState;

/**
 * Joins AMI's device watch to the queue: which seat a phone belongs to (from {@code seats.yaml}), and pausing a
 * seat whose phone became unreachable through the distributor, so no call is offered to it.
 */
final class QueueSeatDevices implements SeatDeviceStates {

    private final CallDistributor distributor;
    private final QueueRecords records;

    QueueSeatDevices(CallDistributor distributor) {
        this.distributor = distributor;
        this.records = distributor.records();
    }

    /** Device name (e.g. {@code PJSIP/1001}) to seat id, as configured. */
    static SeatDevices devices(QueueSetup setup) {
        Map<String, String> byDevice = setup.seats().stream()
                .collect(Collectors.toMap(SeatConfig::device, SeatConfig::id, (a, b) -> a));
        return SeatDevices.of(byDevice);
    }

    @Override
    public String pauseForDevice(String seatId, String reason) {
        SeatState former = state(seatId);
        if (former != SeatState.LOGGED_OUT && former != SeatState.PAUSED) {
            await(distributor.pause(seatId, reason));
        }
        return former.code();
    }

    @Override
    public void restore(String seatId, String formerState) {
        SeatState former = SeatState.byCode(formerState);
        if (former == SeatState.READY || former == SeatState.WRAP_UP || former == SeatState.ON_CALL
                || former == SeatState.OFFERED) {
            // A seat that was busy when its phone dropped is ready once the phone is back: its call is gone.
            await(distributor.ready(seatId));
        }
    }

    private SeatState state(String seatId) {
        return records.seat(seatId).map(QueueRecords.Seat::state).orElse(SeatState.LOGGED_OUT);
    }

    private static void await(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new QueueStateException("seat device change not applied: " + e.getMessage());
        }
    }
}
