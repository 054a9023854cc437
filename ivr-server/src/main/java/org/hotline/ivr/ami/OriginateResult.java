package org.hotline.ivr.ami;

/**
 * How an asynchronous Originate ended for its first channel.
 *
 * @param reason Asterisk's originate reason: 4 answered, 3 no answer (ring timeout), 5 busy, 8 congestion,
 *               1 hung up while ringing, 0 failed; -1 when Asterisk never got that far (see {@code detail})
 * @param link   the AMI link (server name) that reported it; null when none did
 */
public record OriginateResult(Kind kind, int reason, String uniqueId, String detail, String link) {

    public enum Kind {
        /** The channel answered and is now in the dialplan context. */
        ANSWERED,
        /** The channel was dialled and did not answer (ring timeout, busy, congestion, failure). */
        NOT_ANSWERED,
        /** Asterisk refused the action (permission, bad channel, ...). */
        REJECTED,
        /** No AMI link was up, or the action could not be written to it: Asterisk was never asked. */
        LINK_LOST,
        /** The action was sent, then the link dropped before the answer came: the phone may be ringing. */
        LINK_DROPPED,
        /** No OriginateResponse within the ring timeout plus a margin. */
        TIMED_OUT
    }

    public boolean answered() {
        return kind == Kind.ANSWERED;
    }

    static OriginateResult failed(Kind kind, String detail) {
        return new OriginateResult(kind, -1, null, detail, null);
    }
}
