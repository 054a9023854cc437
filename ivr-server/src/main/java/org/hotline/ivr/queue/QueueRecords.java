package org.hotline.ivr.queue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.redis.RedisGateway;

/**
 * The distributor's records of seats and calls, read for other parts (the seat console) without their knowing
 * queue's Redis keys. Changes go through the distributor's commands, never through here.
 */
public final class QueueRecords {

    /**
     * A seat as the distributor keeps it.
     *
     * @param since      when it entered its state, null if unknown
     * @param callId     the call it is offered or holds, "" for none
     * @param lastCallId the call it last wrapped up, "" for none
     */
    public record Seat(String seatId, SeatState state, Instant since, String reason, String callId, String lastCallId) {
    }

    /**
     * A call while the distributor keeps it (waiting, offered, on a seat; gone a while after it ends).
     *
     * @param kind          {@code call} (the caller holds the line) or {@code callback}
     * @param priorityClass a class of queues.yaml ("elderly"), "" for none
     * @param arrival       when it was queued, null if unknown
     * @param state         {@code waiting}, {@code offered}, {@code oncall} ...
     */
    public record Call(String callId, String kind, String number, String language, String priorityClass,
                       Instant arrival, String state) {

        /** Still with a seat: offered (ringing) or on the call. */
        public boolean withSeat() {
            return "offered".equals(state) || "oncall".equals(state);
        }
    }

    private final RedisGateway redis;
    private final QueueSetup setup;

    public QueueRecords(RedisGateway redis, QueueSetup setup) {
        this.redis = redis;
        this.setup = setup;
    }

    /** Empty for a seat not in seats.yaml or never logged in. */
    public Optional<Seat> seat(String seatId) {
        Optional<String> group = setup.seat(seatId).map(SeatConfig::group);
        if (group.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> seat = redis.call("seat state", jedis -> jedis.hgetAll(QueueKeys.seat(group.get(), seatId)));
        if (seat.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Seat(seatId, SeatState.byCode(seat.get("state")), instant(seat.get("since")),
                seat.getOrDefault("reason", ""), seat.getOrDefault("call", ""), seat.getOrDefault("lastCall", "")));
    }

    /**
     * What else the console shows of a seat: when its wrap-up ends by the distributor's timer (null unless in
     * wrap-up; the queue's own wrap-up length, so the page counts down truly), and whether it logs out once its
     * call ends.
     */
    public record SeatPlans(Instant wrapUpEnds, boolean leaving) {
    }

    /** Empty for a seat not in seats.yaml. */
    public Optional<SeatPlans> plans(String seatId) {
        return setup.seat(seatId).map(SeatConfig::group).map(group -> redis.call("seat plans", jedis -> {
            Double ends = jedis.zscore(QueueKeys.timers(group), "w:" + seatId);
            String leaving = jedis.hget(QueueKeys.seat(group, seatId), "leaving");
            return new SeatPlans(ends == null ? null : Instant.ofEpochMilli(ends.longValue()), "1".equals(leaving));
        }));
    }

    /** The call {@code callId} in the group of seat {@code seatId} (where a seat's calls are kept), if still kept. */
    public Optional<Call> call(String seatId, String callId) {
        return setup.seat(seatId).map(SeatConfig::group).flatMap(group -> callIn(group, callId));
    }

    /** The call {@code callId} in whichever group keeps it (one read per group until found). */
    public Optional<Call> call(String callId) {
        for (String group : setup.groups()) {
            Optional<Call> found = callIn(group, callId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Call> callIn(String group, String callId) {
        Map<String, String> call = redis.call("queue call", jedis -> jedis.hgetAll(QueueKeys.call(group, callId)));
        if (call.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Call(callId, call.getOrDefault("kind", ""), call.getOrDefault("number", ""),
                call.getOrDefault("lang", ""), call.getOrDefault("class", ""), instant(call.get("arrival")),
                call.getOrDefault("state", "")));
    }

    private static Instant instant(String millis) {
        return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
