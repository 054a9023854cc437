package org.hotline.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;

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
}
