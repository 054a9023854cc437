package org.hotline.ivr.audio;

/** Why a stream ended, with a human-readable detail for the log. */
public record StreamEnd(Reason reason, String detail) {

    public enum Reason {
        /** Asterisk sent a hangup frame: the caller hung up. */
        HANGUP,
        /** The socket closed without a hangup frame. */
        DISCONNECTED,
        /** We closed it (end of description, shutdown). */
        CLOSED_BY_SERVER,
        /** Nothing arrived for longer than {@code audio.idleTimeout}. */
        IDLE,
        /** The peer broke the protocol. */
        PROTOCOL_ERROR,
        /** Asterisk sent an error frame. */
        ASTERISK_ERROR
    }

    /** True when the caller is gone (as opposed to the server ending the stream). */
    public boolean callerGone() {
        return reason != Reason.CLOSED_BY_SERVER;
    }
}
