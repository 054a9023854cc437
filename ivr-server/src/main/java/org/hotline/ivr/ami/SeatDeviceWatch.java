package org.hotline.ivr.ami;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.manager.response.PingResponse;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses a seat whose phone becomes unreachable and restores it when the phone returns.
 *
 * <p>The seat's former state is kept in Redis (hash {@value #PAUSED}, seat id to former state), not in
 * memory: several server nodes see the same DeviceStateChange, and a node may restart between the phone
 * going away and coming back. {@code HSETNX} decides which node pauses, {@code HDEL} which node restores,
 * so each happens once. A node that lags behind another must not apply an old change after a newer one,
 * so changes carrying Asterisk's {@code Timestamp} ({@code timestampevents = yes}) are applied only if newer
 * than the last one applied for that seat ({@value #SEEN}). After every (re)connect the full device list is read again, so a phone that came
 * back (or went away) while the link was down is not left stale.
 */
public final class SeatDeviceWatch implements AmiSubscriber, AmiEventClasses {

    static final String PAUSED = "ivr:{seat}:device-paused";
    static final String SEEN = "ivr:{seat}:device-seen";

    /** Applies a change only if it is newer than the last applied one for that seat; same keys slot. */
    private static final String NEWER = """
            local last = redis.call('HGET', KEYS[1], ARGV[1])
            if last and tonumber(last) >= tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;
    public static final String REASON = "device unavailable";

    /** Asterisk's states for a device that cannot take a call at all; UNKNOWN is not one (no information). */
    private static final Set<String> UNREACHABLE = Set.of("UNAVAILABLE", "INVALID");
    private static final Set<String> REACHABLE = Set.of("NOT_INUSE", "INUSE", "BUSY", "RINGING", "RINGINUSE", "ONHOLD");

    private static final Logger log = LoggerFactory.getLogger(SeatDeviceWatch.class);

    private final SeatDevices seats;
    private final SeatDeviceStates sink;
    private final RedisGateway redis;
    /** Per link, while its device list is being read: Asterisk's time when it was asked for. */
    private final Map<String, Double> listedAt = new ConcurrentHashMap<>();

    public SeatDeviceWatch(SeatDevices seats, SeatDeviceStates sink, RedisGateway redis) {
        this.seats = seats;
        this.sink = sink;
        this.redis = redis;
    }

    @Override
    public List<Class<? extends ManagerEvent>> eventClasses() {
        return List.of(DeviceStateListCompleteEvent.class);
    }

    @Override
    public void onEvent(AmiLink link, ManagerEvent event) {
        if (event instanceof DeviceStateListCompleteEvent) {
            listedAt.remove(link.name());   // later changes carry their own Timestamp (or none)
            return;
        }
        if (event instanceof DeviceStateChangeEvent change && change.getDevice() != null && change.getState() != null) {
            Double stamp = change.getTimestamp() != null ? change.getTimestamp() : listedAt.get(link.name());
            seats.seatOf(link.name(), change.getDevice())
                    .filter(seat -> newest(seat, stamp))
                    .ifPresent(seat -> apply(seat, change.getDevice(), change.getState().toUpperCase(Locale.ROOT)));
        }
    }

    /** Re-reads every device's state; the answers arrive as DeviceStateChange events with this action's id. */
    @Override
    public void onLinkUp(AmiLink link) {
        asteriskClock(link).ifPresentOrElse(now -> listedAt.put(link.name(), now), () -> listedAt.remove(link.name()));
        ManagerResponse response = link.request(new DeviceStateListAction());
        if (response instanceof ManagerError) {
            log.warn("AMI {}: DeviceStateList refused ({}); seat phones are only tracked from new changes",
                    link.name(), response.getMessage());
        }
    }

    /**
     * Listed states carry no timestamp; they are stamped with Asterisk's clock just before the list was
     * asked for (from a Ping), so a change another node applied after that is not undone by the list.
     */
    private static Optional<Double> asteriskClock(AmiLink link) {
        try {
            if (link.request(new PingAction()) instanceof PingResponse pong && pong.getTimestamp() != null) {
                return Optional.of(Double.valueOf(pong.getTimestamp()));
            }
        } catch (NumberFormatException e) {
            log.debug("AMI {}: unreadable Ping timestamp", link.name());
        }
        return Optional.empty();
    }

    /** Without any timestamp (timestampevents = no) a change always applies. */
    private boolean newest(String seat, Double timestamp) {
        if (timestamp == null) {
            return true;
        }
        Object applied = redis.call("order seat device changes",
                jedis -> jedis.eval(NEWER, List.of(SEEN), List.of(seat, timestamp.toString())));
        return Long.valueOf(1).equals(applied);
    }

    private void apply(String seat, String device, String state) {
        if (UNREACHABLE.contains(state)) {
            pause(seat, device, state);
        } else if (REACHABLE.contains(state)) {
            restore(seat, device, state);
        }
    }

    private void pause(String seat, String device, String state) {
        boolean mine = redis.call("claim seat pause", jedis -> jedis.hsetnx(PAUSED, seat, "") == 1);
        if (!mine) {
            return;
        }
        String former = sink.pauseForDevice(seat, REASON);
        redis.call("keep seat's former state", jedis -> jedis.hset(PAUSED, seat, former == null ? "" : former));
        log.info("seat {} paused: its phone {} is {}", seat, device, state);
    }

    private void restore(String seat, String device, String state) {
        String former = redis.call("read seat's former state", jedis -> jedis.hget(PAUSED, seat));
        if (former == null || former.isEmpty()) {
            return;
        }
        boolean mine = redis.call("release seat pause", jedis -> jedis.hdel(PAUSED, seat) == 1);
        if (mine) {
            sink.restore(seat, former);
            log.info("seat {} restored to {}: its phone {} is {}", seat, former, device, state);
        }
    }

    /** {@code DeviceStateList} (Asterisk 13+), which asterisk-java 3.41 has no class for. */
    public static final class DeviceStateListAction extends AbstractManagerAction {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAction() {
            return "DeviceStateList";
        }
    }
}
