package org.hotline.ivr.agi;

/** The call is gone (HANGUP line, 511 reply or closed socket): no further command can run on it. */
public final class AgiHangupException extends RuntimeException {

    public AgiHangupException(String why) {
        super(why, null, false, false);
    }
}
