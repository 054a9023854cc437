package org.hotline.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeatDeviceWatchTest {

    @TempDir
    Path data;
    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private FakeAmiPeer peer;
    private final List<AmiLink> links = new java.util.ArrayList<>();
    private final SeatBoard seats = new SeatBoard();

    @BeforeEach
    void start() throws Exception {
        redisServer = EmbeddedRedis.start(data);
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        peer = new FakeAmiPeer("ivr", "pw");
        peer.deviceStates.put("PJSIP/1001", "NOT_INUSE");
        peer.deviceStates.put("PJSIP/1002", "INUSE");
    }

    @AfterEach
    void stop() throws Exception {
        links.forEach(AmiLink::close);
        peer.close();
        redis.close();
        redisServer.close();
    }

    private AmiLink link(String name) {
        SeatDeviceWatch watch = new SeatDeviceWatch(SeatDevices.of(Map.of("PJSIP/1001", "seat-1", "PJSIP/1002", "seat-2")),
                seats, redis);
        AmiLink link = new AmiLink(new AmiEndpoint(name, "127.0.0.1", peer.port(), "ivr", "pw"), AmiLinkTest.FAST,
                List.of(watch)).start();
        links.add(link);
        Eventually.until(name + " up", link::up);
        Eventually.until(name + " read device states", () -> peer.actions("DeviceStateList").size() >= links.size());
        return link;
    }

    private void deviceState(String device, String state) {
        peer.emit("call", Map.of("Event", "DeviceStateChange", "Device", device, "State", state));
    }

    @Test
    void aSeatWhosePhoneBecomesUnreachableIsPausedAndRestoredToItsFormerStateWhenItReturns() {
        seats.state.put("seat-1", "ready");
        link("pbx1");

        deviceState("PJSIP/1001", "UNAVAILABLE");
        Eventually.until("seat-1 paused", () -> seats.state("seat-1").equals("paused:device unavailable"));
        String former = redis.call("read", jedis -> jedis.hget(SeatDeviceWatch.PAUSED, "seat-1"));
        assertThat(former).isEqualTo("ready");

        deviceState("PJSIP/1001", "NOT_INUSE");
        Eventually.until("seat-1 ready again", () -> seats.state("seat-1").equals("ready"));
        boolean kept = redis.call("read", jedis -> jedis.hexists(SeatDeviceWatch.PAUSED, "seat-1"));
        assertThat(kept).isFalse();
    }

    @Test
    void aSeatThatWasPausedBeforeItsPhoneWentAwayStaysPausedForItsOwnReasonAfterward() {
        seats.state.put("seat-2", "paused:lunch");
        link("pbx1");

        deviceState("PJSIP/1002", "INVALID");
        Eventually.until("seat-2 paused for the device", () -> seats.state("seat-2").equals("paused:device unavailable"));
        deviceState("PJSIP/1002", "INUSE");
        Eventually.until("seat-2 back to lunch", () -> seats.state("seat-2").equals("paused:lunch"));
    }

    @Test
    void unknownStatesAndOtherDevicesChangeNothing() {
        seats.state.put("seat-1", "ready");
        link("pbx1");

        deviceState("PJSIP/1001", "UNKNOWN");
        deviceState("PJSIP/9999", "UNAVAILABLE");
        deviceState("PJSIP/1001", "RINGING");
        Eventually.until("events handled", () -> seats.changes.get() == 0 && peer.actions("Ping").size() >= 1);
        assertThat(seats.state("seat-1")).isEqualTo("ready");
    }

    @Test
    void afterAReconnectEveryDeviceStateIsReadAgainSoNothingStaysStale() throws Exception {
        seats.state.put("seat-1", "ready");
        seats.state.put("seat-2", "ready");
        link("pbx1");
        deviceState("PJSIP/1001", "UNAVAILABLE");
        Eventually.until("seat-1 paused", () -> seats.state("seat-1").startsWith("paused"));

        peer.stop();
        peer.deviceStates.put("PJSIP/1001", "NOT_INUSE");      // came back while we could not see it
        peer.deviceStates.put("PJSIP/1002", "UNAVAILABLE");    // went away while we could not see it
        peer.restart();

        Eventually.until("seat-1 restored from the re-read list", () -> seats.state("seat-1").equals("ready"));
        Eventually.until("seat-2 paused from the re-read list", () -> seats.state("seat-2").equals("paused:device unavailable"));
        assertThat(peer.actions("DeviceStateList")).hasSize(2);
    }

    @Test
    void twoServerNodesSeeingTheSameChangePauseAndRestoreTheSeatOnce() {
        seats.state.put("seat-1", "ready");
        link("node-a");
        link("node-b");

        deviceState("PJSIP/1001", "UNAVAILABLE");
        Eventually.until("seat-1 paused", () -> seats.state("seat-1").startsWith("paused"));
        deviceState("PJSIP/1001", "NOT_INUSE");
        Eventually.until("seat-1 ready", () -> seats.state("seat-1").equals("ready"));

        assertThat(seats.changes.get()).isEqualTo(2);
    }

    /** The queue's view of seats, as far as this test needs it: a state per seat. */
    static final class SeatBoard implements SeatDeviceStates {
        final Map<String, String> state = new ConcurrentHashMap<>();
        final AtomicInteger changes = new AtomicInteger();

        String state(String seat) {
            return state.getOrDefault(seat, "");
        }

        @Override
        public String pauseForDevice(String seatId, String reason) {
            changes.incrementAndGet();
            return state.put(seatId, "paused:" + reason);
        }

        @Override
        public void restore(String seatId, String formerState) {
            changes.incrementAndGet();
            state.put(seatId, formerState);
        }
    }
}
