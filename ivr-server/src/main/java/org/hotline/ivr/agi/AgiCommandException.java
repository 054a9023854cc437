package org.hotline.ivr.agi;

import org.asteriskjava.fastagi.reply.AgiReply;

/** Asterisk refused a command (510 unknown command, 520 bad syntax): a bug in the script, not a hangup. */
public final class AgiCommandException extends RuntimeException {

    private final transient AgiReply reply;

    public AgiCommandException(String command, AgiReply reply) {
        super("Asterisk refused '" + command + "': " + reply.getFirstLine());
        this.reply = reply;
    }

    public AgiReply reply() {
        return reply;
    }
}
