package org.hotline.ivr.agi;

/** Asterisk's {@code HANGUP} line: the caller hung up while the AGI session was open. */
public enum AgiHangupSignal {
    INSTANCE
}
