package org.asteriskjava.fastagi.internal;

import java.util.List;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * Reuses asterisk-java's reply parsing (status, result, attributes, 520 usage text) under our own
 * transport. Lives in asterisk-java's package because {@link AgiReplyImpl}'s constructor is
 * package-private; this is the only class of ours here.
 */
public final class AgiReplyParser {

    private AgiReplyParser() {
    }

    public static AgiReply parse(List<String> lines) {
        return new AgiReplyImpl(lines);
    }
}
