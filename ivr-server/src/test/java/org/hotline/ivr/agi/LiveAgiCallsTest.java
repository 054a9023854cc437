package org.hotline.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Which hung-up channel is the end of an AGI call. */
class LiveAgiCallsTest {

    private static final String CALL = "Local/caller@test-caller-00000004;1";

    @Test
    void theCallsOwnChannelAndTheOtherHalfOfItsLocalChannelAreTheCall() {
        assertThat(LiveAgiCalls.sameChannel(CALL, CALL)).isTrue();
        assertThat(LiveAgiCalls.sameChannel(CALL, "Local/caller@test-caller-00000004;2")).isTrue();
        assertThat(LiveAgiCalls.sameChannel("PJSIP/trunk-0000001a", "PJSIP/trunk-0000001a")).isTrue();
    }

    @Test
    void otherChannelsAreNot() {
        assertThat(LiveAgiCalls.sameChannel(CALL, "Local/caller@test-caller-00000005;2")).isFalse();
        assertThat(LiveAgiCalls.sameChannel(CALL, "Local/1001@test-seat-00000004;2")).isFalse();
        assertThat(LiveAgiCalls.sameChannel("PJSIP/trunk-0000001a", "PJSIP/1001-0000001b")).isFalse();
        assertThat(LiveAgiCalls.sameChannel("PJSIP/trunk-0000001a", "PJSIP/trunk-0000001b")).isFalse();
        assertThat(LiveAgiCalls.sameChannel(CALL, "")).isFalse();
        assertThat(LiveAgiCalls.sameChannel(CALL, null)).isFalse();
    }

    @Test
    void theOldSocketOfACallOpenedAgainUnderTheSameIdClosingLeavesTheNewOneListed() {
        LiveAgiCalls calls = new LiveAgiCalls(Clock.systemUTC());
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        calls.opened("1764000000.5", CALL, first);
        calls.opened("1764000000.5", CALL, second);

        first.close();

        assertThat(calls.isOpen("1764000000.5")).isTrue();
        second.close();
        assertThat(calls.isOpen("1764000000.5")).isFalse();
    }
}
