package org.hotline.ivr.ami;

/** Where a link is in its life. */
public enum AmiLinkState {
    /** Connecting or logging in. */
    CONNECTING,
    /** Logged in, events flowing, state re-read. */
    UP,
    /** Lost or not reachable; a reconnect is scheduled. */
    DOWN,
    /** Asterisk refused the user or secret; retried with the longest backoff (the secret may be fixed on the PBX side). */
    AUTH_FAILED,
    /** Closed by us. */
    CLOSED
}
