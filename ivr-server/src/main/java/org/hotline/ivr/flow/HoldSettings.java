package org.hotline.ivr.flow;

import java.time.Duration;
import org.hotline.ivr.queue.SeatOffer;

/**
 * How callers wait. Per-queue timings (announcement interval, callback threshold, maximum wait, ring
 * timeout) come from queues.yaml; these are the same for every queue.
 *
 * @param musicClass        Asterisk music-on-hold class (musiconhold.conf), played with StartMusicOnHold
 * @param poll              how often the loop looks for a seat and for a key press while the music plays
 * @param keyWait           how long the callback prompts wait for a key
 * @param maxNumberDigits   longest callback number a caller may key in
 * @param dialOptions       Dial options; {call}, {seat} and {queue} are filled in. The default runs
 *                          {@code [ivr-queue-answered]} on the seat's channel when it answers, which reports
 *                          the answer through the {@code queue-answered} AGI script (see docs/queues.md)
 */
public record HoldSettings(String musicClass, Duration poll, Duration keyWait, int maxNumberDigits,
                           String dialOptions) {

    public static final HoldSettings DEFAULTS = new HoldSettings("default", Duration.ofSeconds(1),
            Duration.ofSeconds(5), 15, "U(ivr-queue-answered^{call}^{seat}^{queue})");

    String dialOptionsFor(SeatOffer offer) {
        return dialOptions.replace("{call}", offer.callId()).replace("{seat}", offer.seatId())
                .replace("{queue}", offer.queue());
    }
}
