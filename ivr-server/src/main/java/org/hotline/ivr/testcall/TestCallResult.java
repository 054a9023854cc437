package org.hotline.ivr.testcall;

import java.time.Duration;
import java.util.List;

/**
 * How a test call ended.
 *
 * @param ivrLegId     Asterisk's uniqueid of the IVR leg: the {@code agi_uniqueid} the server saw, its call id
 * @param ivrChannel   e.g. {@code Local/caller@test-caller-0000002a;1}
 * @param agiCommands  the AGI commands the IVR sent, in order, as Asterisk reported them
 * @param keysPressed  every key the citizen pressed
 * @param hangupCause  Asterisk's cause text for the IVR leg's hangup
 * @param timedOut     true if the driver gave up and hung up the call itself
 */
public record TestCallResult(String ivrLegId, String ivrChannel, List<String> agiCommands, String keysPressed,
                             String hangupCause, boolean timedOut, Duration duration, List<TestCallEvent> events) {

    public TestCallResult {
        agiCommands = List.copyOf(agiCommands);
        events = List.copyOf(events);
    }
}
