package org.hotline.ivr.flow;

import org.asteriskjava.fastagi.reply.AgiReply;

/** How long the flow's own Dials ring (transfers, the operators' fallback), and reading what Dial left behind. */
final class DialStatus {

    static final int DIAL_SECONDS = 60;

    private DialStatus() {
    }

    /** The reply to {@code GET VARIABLE DIALSTATUS}: ANSWER, BUSY, NOANSWER ...; UNKNOWN when unset. */
    static String of(AgiReply reply) {
        String extra = reply.getExtra();
        return extra == null || extra.isBlank() ? "UNKNOWN" : extra;
    }
}
