package org.hotline.ivr.testcall;

import java.time.Duration;

/**
 * One step of a test call as it happened, for printing and for assertions.
 *
 * @param at     time since the call was placed
 * @param leg    {@code ivr} (the leg running the IVR), {@code citizen} (the simulated caller) or {@code test}
 *               (what the driver itself did)
 * @param kind   e.g. {@code Newchannel}, {@code AGI>}, {@code AGI<}, {@code DTMF}, {@code Hangup}, {@code press}
 * @param detail the command, the result, the digit, the cause ...
 */
public record TestCallEvent(Duration at, String leg, String kind, String detail) {

    @Override
    public String toString() {
        return String.format("+%6.3fs %-7s %-10s %s", at.toNanos() / 1e9, leg, kind, detail);
    }
}
