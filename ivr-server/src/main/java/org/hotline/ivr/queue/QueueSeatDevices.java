package org.hotline.ivr.queue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hotline.ivr.ami.SeatDeviceStates;
import org.hotline.ivr.ami.SeatDevices;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The AMI side's view of seats: which seat a phone belongs to (from {@code seats.yaml}) and pausing a seat
 * whose phone became unreachable through the distributor, so no call is offered to it. The distributor is
 * built after AMI (it needs the AMI callback dialer), hence the supplier.
 */
public final class QueueSeatDevices implements SeatDeviceStates {

    private final Supplier<CallDistributor> distributor;
    private final RedisGateway redis;

    public QueueSeatDevices(Supplier<CallDistributor> distributor, RedisGateway redis) {
        this.distributor = distributor;
        this.redis = redis;
    }

    /** Device name (e.g. {@code PJSIP/1001}) to seat id, as configured. */
    public static SeatDevices devices(QueueSetup setup) {
        Map<String, String> byDevice = setup.seats().stream()
                .collect(Collectors.toMap(SeatConfig::device, SeatConfig::id, (a, b) -> a));
        return SeatDevices.of(byDevice);
    }

    @Override
    public String pauseForDevice(String seatId, String reason) {
        String former = state(seatId);
        if (!SeatState.LOGGED_OUT.code().equals(former) && !SeatState.PAUSED.code().equals(former)) {
            await(distributor.get().pause(seatId, reason));
        }
        return former;
    }

    @Override
    public void restore(String seatId, String formerState) {
        if (SeatState.READY.code().equals(formerState) || SeatState.WRAP_UP.code().equals(formerState)
                || SeatState.ON_CALL.code().equals(formerState) || SeatState.OFFERED.code().equals(formerState)) {
            // A seat that was busy when its phone dropped is ready once the phone is back: its call is gone.
            await(distributor.get().ready(seatId));
        }
    }

    private String state(String seatId) {
        Optional<SeatConfig> seat = distributor.get().setup().seat(seatId);
        if (seat.isEmpty()) {
            return SeatState.LOGGED_OUT.code();
        }
        String key = QueueKeys.tag(seat.get().group()) + ":seat:" + seatId;
        String state = redis.call("seat state", jedis -> jedis.hget(key, "state"));
        return state == null ? SeatState.LOGGED_OUT.code() : state;
    }

    private static void await(java.util.concurrent.CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new QueueStateException("seat device change not applied: " + e.getMessage());
        }
    }
}
