package org.hotline.ivr.seat.live;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.QueueRecords;
import org.hotline.ivr.queue.QueueStateException;
import org.hotline.ivr.queue.SeatState;
import org.hotline.ivr.seat.SeatStates;
import org.hotline.ivr.seat.SeatStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seat states as the call distributor keeps them: changes go through its commands, reads through its
 * {@link QueueRecords}. Wrap-up ends by the distributor's own timer, not the console's.
 */
public final class QueueSeatStates implements SeatStates {

    private static final Logger log = LoggerFactory.getLogger(QueueSeatStates.class);
    private static final Map<String, String> NAMES = Map.of(SeatState.LOGGED_OUT.code(), SeatStatus.LOGGED_OUT,
            SeatState.READY.code(), SeatStatus.READY, SeatState.OFFERED.code(), SeatStatus.OFFERED,
            SeatState.ON_CALL.code(), SeatStatus.ON_CALL, SeatState.WRAP_UP.code(), SeatStatus.WRAP_UP,
            SeatState.PAUSED.code(), SeatStatus.PAUSED);

    /** A seat that logs in to the console starts paused with this reason, and takes calls once it goes ready. */
    static final String LOGIN_REASON = "login";

    private final CallDistributor distributor;
    private final QueueRecords records;

    public QueueSeatStates(CallDistributor distributor) {
        this.distributor = distributor;
        this.records = distributor.records();
    }

    /** The console's name of a distributor state code ({@code oncall} is {@code on-call}). */
    static String stateName(String code) {
        return NAMES.getOrDefault(code, SeatStatus.LOGGED_OUT);
    }

    @Override
    public SeatStatus status(String seatId) {
        Optional<QueueRecords.Seat> found = records.seat(seatId);
        if (found.isEmpty()) {
            return new SeatStatus(seatId, SeatStatus.LOGGED_OUT, null, "", null);
        }
        QueueRecords.Seat seat = found.get();
        String call = seat.callId();
        if (call.isEmpty() && seat.state() == SeatState.WRAP_UP) {
            // the call being wrapped up, even one that ended before any console saw it offered
            call = seat.lastCallId();
        }
        QueueRecords.SeatPlans plans = records.plans(seatId).orElse(new QueueRecords.SeatPlans(null, false));
        return new SeatStatus(seatId, stateName(seat.state().code()), seat.since(), seat.reason(),
                call.isEmpty() ? null : call, seat.state() == SeatState.WRAP_UP ? plans.wrapUpEnds() : null,
                plans.leaving());
    }

    @Override
    public void logIn(String seatId) {
        SeatStatus status = status(seatId);
        if (SeatStatus.LOGGED_OUT.equals(status.state())) {
            done(distributor.loginPaused(seatId, LOGIN_REASON), seatId, "log in");
        } else if (status.leaving()) {
            // logged out during the call and back before it ended: the distributor keeps the seat in rotation
            done(distributor.loginPaused(seatId, LOGIN_REASON), seatId, "stay after the call");
        }
    }

    @Override
    public boolean logOutAfterCall(String seatId) {
        done(distributor.logout(seatId), seatId, "log out");
        return status(seatId).leaving();
    }

    @Override
    public boolean ready(String seatId) {
        return done(distributor.ready(seatId), seatId, "go ready");
    }

    @Override
    public boolean pause(String seatId, String reason) {
        return done(distributor.pause(seatId, reason), seatId, "pause");
    }

    @Override
    public boolean endWrapUpIfDue(String seatId, Duration wrapUp) {
        return false;
    }

    /** True if the distributor took the command; a refusal (wrong state) is false, Redis trouble is thrown. */
    private static boolean done(CompletionStage<Void> command, String seatId, String what) {
        try {
            command.toCompletableFuture().join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof QueueStateException cause) {
                log.info("seat {} may not {} now: {}", seatId, what, cause.getMessage());
                return false;
            }
            throw e;
        }
    }
}
