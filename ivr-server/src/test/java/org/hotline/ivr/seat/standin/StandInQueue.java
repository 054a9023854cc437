package org.hotline.ivr.seat.standin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.ops.PhoneNumbers;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.seat.AssignedCalls;
import org.hotline.ivr.seat.ScreenPop;
import org.hotline.ivr.seat.SeatEvents;
import org.hotline.ivr.seat.SeatStates;
import org.hotline.ivr.seat.SeatStatus;
import org.hotline.ivr.seat.TranscriptSnapshot;

/**
 * One queue of calls and the seats' states, in Redis: a call offered when a seat is ready goes to the seat
 * ready longest; a seat going ready takes the call waiting longest. Each decision is one Lua script.
 */
public final class StandInQueue implements SeatStates, AssignedCalls {

    /** A call entering the queue, as the flow knows it. */
    public record Offer(String callId, String caller, String language, List<String> menuPath, String orderId) {
    }

    static final String PREFIX = "console:standin:";
    static final String WAITING = PREFIX + "waiting";
    static final String READY = PREFIX + "ready";
    static final String SEATS = PREFIX + "seats";
    static final Duration ANSWER_TARGET = Duration.ofSeconds(20);

    private static final String ASSIGN = """
            local seat = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
            if not seat then return false end
            local call = redis.call('LPOP', KEYS[1])
            if not call then return false end
            redis.call('ZREM', KEYS[2], seat)
            redis.call('HSET', ARGV[2] .. 'seat:' .. seat, 'state', 'on-call', 'since', ARGV[1], 'reason', '', 'callId', call)
            redis.call('HSET', ARGV[2] .. 'call:' .. call, 'seatId', seat, 'assignedAt', ARGV[1])
            return {seat, call}
            """;
    private static final String CHANGE = """
            local state = redis.call('HGET', KEYS[1], 'state') or 'logged-out'
            for allowed in string.gmatch(ARGV[1], '[^,]+') do
              if allowed == state then
                if ARGV[5] ~= '' and tonumber(ARGV[3]) - tonumber(redis.call('HGET', KEYS[1], 'since') or '0') < tonumber(ARGV[5]) then
                  return 0
                end
                redis.call('HSET', KEYS[1], 'state', ARGV[2], 'since', ARGV[3], 'reason', ARGV[4])
                if ARGV[2] ~= 'wrap-up' then redis.call('HSET', KEYS[1], 'callId', '') end
                if ARGV[2] == 'ready' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[6])
                else redis.call('ZREM', KEYS[2], ARGV[6]) end
                return 1
              end
            end
            return 0
            """;

    private final RedisGateway redis;
    private final SeatEvents events;
    private final Clock clock;

    public StandInQueue(RedisGateway redis, SeatEvents events, Clock clock) {
        this.redis = redis;
        this.events = events;
        this.clock = clock;
    }

    /** The call joins the queue and goes to a ready seat at once if there is one. */
    public void offer(Offer offer) {
        long now = clock.millis();
        redis.call("stand-in offer", jedis -> {
            jedis.hset(PREFIX + "call:" + offer.callId(), Map.of("caller", offer.caller(), "language", offer.language(),
                    "menuPath", String.join("\u001f", offer.menuPath()), "queuedAt", Long.toString(now),
                    "orderId", offer.orderId() == null ? "" : offer.orderId(), "ended", "0"));
            return jedis.rpush(WAITING, offer.callId());
        });
        assignWhilePossible();
    }

    /** The caller hung up: a waiting call leaves the queue (abandoned), a connected one puts its seat in wrap-up. */
    public void hangUp(String callId) {
        String seatId = redis.call("stand-in hangup", jedis -> {
            jedis.hset(PREFIX + "call:" + callId, "ended", "1");
            if (jedis.lrem(WAITING, 0, callId) > 0) {
                jedis.hincrBy(StandInDay.key(clock), "abandoned", 1);
            }
            return jedis.hget(PREFIX + "call:" + callId, "seatId");
        });
        if (seatId != null && change(seatId, "on-call,offered", SeatStatus.WRAP_UP, "", null)) {
            events.publish(seatId, "ended");
        }
    }

    @Override
    public SeatStatus status(String seatId) {
        Map<String, String> seat = redis.call("stand-in seat", jedis -> jedis.hgetAll(PREFIX + "seat:" + seatId));
        if (seat.isEmpty()) {
            return new SeatStatus(seatId, SeatStatus.LOGGED_OUT, null, "", null);
        }
        String callId = seat.getOrDefault("callId", "");
        return new SeatStatus(seatId, seat.get("state"), Instant.ofEpochMilli(Long.parseLong(seat.get("since"))),
                seat.getOrDefault("reason", ""), callId.isEmpty() ? null : callId);
    }

    @Override
    public void logIn(String seatId) {
        redis.call("stand-in seats", jedis -> jedis.sadd(SEATS, seatId));
        change(seatId, SeatStatus.LOGGED_OUT, SeatStatus.PAUSED, "login", null);
    }

    @Override
    public void logOut(String seatId) {
        change(seatId, "ready,paused,wrap-up", SeatStatus.LOGGED_OUT, "", null);
    }

    @Override
    public boolean ready(String seatId) {
        boolean changed = change(seatId, "paused,wrap-up,ready", SeatStatus.READY, "", null);
        if (changed) {
            assignWhilePossible();
        }
        return changed;
    }

    @Override
    public boolean pause(String seatId, String reason) {
        return change(seatId, "ready,wrap-up,paused", SeatStatus.PAUSED, reason, null);
    }

    @Override
    public boolean endWrapUpIfDue(String seatId, Duration wrapUp) {
        boolean changed = change(seatId, SeatStatus.WRAP_UP, SeatStatus.READY, "", wrapUp);
        if (changed) {
            assignWhilePossible();
        }
        return changed;
    }

    @Override
    public Optional<ScreenPop> current(String seatId) {
        String callId = status(seatId).callId();
        return callId == null ? Optional.empty() : find(callId);
    }

    @Override
    public Optional<ScreenPop> find(String callId) {
        Map<String, String> call = redis.call("stand-in call", jedis -> jedis.hgetAll(PREFIX + "call:" + callId));
        if (call.isEmpty() || call.getOrDefault("seatId", "").isEmpty()) {
            return Optional.empty();
        }
        String menu = call.getOrDefault("menuPath", "");
        TranscriptSnapshot transcript = TranscriptSnapshot.read(redis, callId);
        return Optional.of(new ScreenPop(callId, call.get("seatId"), PhoneNumbers.mask(call.get("caller")),
                call.get("language"), menu.isEmpty() ? List.of() : Arrays.asList(menu.split("\u001f")),
                millis(call.get("queuedAt")), millis(call.get("assignedAt")), transcript.finalText(),
                transcript.partial(), emptyToNull(call.get("orderId")), "1".equals(call.get("ended")), transcript.gap()));
    }

    @Override
    public Optional<String> callerNumber(String callId) {
        return Optional.ofNullable(redis.call("stand-in caller", jedis -> jedis.hget(PREFIX + "call:" + callId, "caller")));
    }

    private void assignWhilePossible() {
        while (true) {
            Object assigned = redis.call("stand-in assign", jedis -> jedis.eval(ASSIGN, List.of(WAITING, READY),
                    List.of(Long.toString(clock.millis()), PREFIX)));
            if (!(assigned instanceof List<?> pair)) {
                return;
            }
            String seatId = (String) pair.get(0);
            countAnswered((String) pair.get(1));
            events.publish(seatId, "pop");
        }
    }

    private void countAnswered(String callId) {
        redis.call("stand-in answered", jedis -> {
            Map<String, String> call = jedis.hgetAll(PREFIX + "call:" + callId);
            long waited = Long.parseLong(call.get("assignedAt")) - Long.parseLong(call.get("queuedAt"));
            jedis.hincrBy(StandInDay.key(clock), "answered", 1);
            if (waited <= ANSWER_TARGET.toMillis()) {
                jedis.hincrBy(StandInDay.key(clock), "answeredInTarget", 1);
            }
            return null;
        });
    }

    private boolean change(String seatId, String from, String to, String reason, Duration minimumAge) {
        Object result = redis.call("stand-in seat state", jedis -> jedis.eval(CHANGE,
                List.of(PREFIX + "seat:" + seatId, READY),
                List.of(from, to, Long.toString(clock.millis()), reason,
                        minimumAge == null ? "" : Long.toString(minimumAge.toMillis()), seatId)));
        return Long.valueOf(1).equals(result);
    }

    private static Instant millis(String value) {
        return value == null || value.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(value));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
