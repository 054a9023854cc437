package org.hotline.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
