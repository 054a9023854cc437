package org.hotline.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HangupWatchTest {

    private FakeAmiPeer peer;
    private AmiLink link;
    private final Calls calls = new Calls();

    @BeforeEach
    void start() throws Exception {
        peer = new FakeAmiPeer("ivr", "pw");
        peer.channels.add(Map.of("Channel", "PJSIP/trunk-0001", "Uniqueid", "1764000000.11", "State", "Up"));
        link = new AmiLink(new AmiEndpoint("pbx1", "127.0.0.1", peer.port(), "ivr", "pw"), AmiLinkTest.FAST,
                List.of(new HangupWatch(calls))).start();
        Eventually.until("link up", link::up);
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        peer.close();
    }

    @Test
    void aRefusedChannelListEndsNoCall() throws Exception {
        LinkUps after = relinkWith("error");

        Eventually.until("the watch handled the connect", () -> after.count.get() == 1);
        assertThat(calls.active).isEmpty();
    }

    @Test
    void aChannelListCutOffMidwayEndsNoCall() throws Exception {
        relinkWith("cut");

        // the cut drops the link; the next connect lists every channel
        Eventually.until("a complete list after the cut", () -> !calls.active.isEmpty());
        assertThat(calls.active).hasSize(1);
        assertThat(calls.active.get(0)).containsExactlyInAnyOrder("1764000000.11", "1764000000.12");
    }

    /** A new link whose first Status list fails; a second subscriber after the watch hears of each connect after it. */
    private LinkUps relinkWith(String fault) {
        Eventually.until("first list", () -> calls.active.size() == 1);
        link.close();
        calls.active.clear();
        peer.channels.add(Map.of("Channel", "PJSIP/trunk-0002", "Uniqueid", "1764000000.12", "State", "Up"));
        peer.statusFaults.add(fault);
        LinkUps after = new LinkUps();
        link = new AmiLink(new AmiEndpoint("pbx1", "127.0.0.1", peer.port(), "ivr", "pw"), AmiLinkTest.FAST,
                List.of(new HangupWatch(calls), after)).start();
        return after;
    }

    static final class LinkUps implements AmiSubscriber {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onLinkUp(AmiLink link) {
            count.incrementAndGet();
        }
    }

    @Test
    void everyHangupIsHandedOnWithItsCallIdAndCause() {
        peer.emit("call", Map.of("Event", "Hangup", "Channel", "PJSIP/trunk-0001", "Uniqueid", "1764000000.11",
                "Linkedid", "1764000000.11", "Cause", "16", "Cause-txt", "Normal Clearing"));

        Eventually.until("hangup handed on", () -> !calls.hangups.isEmpty());
        assertThat(calls.hangups.get(0)).isEqualTo(new CallHangup("pbx1", "1764000000.11", "1764000000.11",
                "PJSIP/trunk-0001", 16, "Normal Clearing"));
    }

    @Test
    void afterEachConnectTheLiveChannelsAreListedSoCallsThatEndedMeanwhileAreCleanedUp() throws Exception {
        Eventually.until("first list", () -> calls.active.size() == 1);
        assertThat(calls.active.get(0)).containsExactly("1764000000.11");

        peer.stop();
        peer.channels.clear();                       // the call ended while the link was down
        peer.channels.add(Map.of("Channel", "PJSIP/trunk-0002", "Uniqueid", "1764000000.12", "State", "Up"));
        peer.restart();

        Eventually.until("list after reconnect", () -> calls.active.size() == 2);
        assertThat(calls.active.get(1)).containsExactly("1764000000.12");
    }

    static final class Calls implements CallHangups {
        final List<CallHangup> hangups = new CopyOnWriteArrayList<>();
        final List<Set<String>> active = new CopyOnWriteArrayList<>();

        @Override
        public void hungUp(CallHangup hangup) {
            hangups.add(hangup);
        }

        @Override
        public void stillActive(String server, Set<String> uniqueIds) {
            active.add(uniqueIds);
        }
    }
}
