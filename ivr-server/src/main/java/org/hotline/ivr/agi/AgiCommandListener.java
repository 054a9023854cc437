package org.hotline.ivr.agi;

import org.asteriskjava.fastagi.command.AgiCommand;

/** Told of every command round trip; metrics hang here so the channel stays free of them. */
@FunctionalInterface
public interface AgiCommandListener {

    void replied(AgiCommand command, int status, long nanos);

    AgiCommandListener NONE = (command, status, nanos) -> { };
}
