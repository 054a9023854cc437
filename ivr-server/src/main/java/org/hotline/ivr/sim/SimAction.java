package org.hotline.ivr.sim;

import java.nio.file.Path;
import java.time.Duration;

/** How the simulated channel answers one command. */
sealed interface SimAction {

    /** Reply after a delay (a prompt playing, a caller thinking). */
    record Reply(String line, Duration after) implements SimAction {
    }

    /**
     * The call ends during this command: the command's reply, then the HANGUP notice, in that order, as
     * Asterisk sends them (its AGI loop notices the hangup only once the command has returned).
     * {@code byCaller} is false when the server's own HANGUP command ended it.
     */
    record HangUpDuring(String reply, boolean byCaller) implements SimAction {
    }

    /**
     * {@code EXEC AudioSocket}: connect to host:port, stream {@code wav} (null: silence), then send
     * {@code keysAfter} as DTMF frames; hang up the call after the audio if {@code hangUpAfter}.
     */
    record StreamAudio(String uuid, String host, int port, Path wav, String keysAfter, boolean hangUpAfter)
            implements SimAction {
    }

    /**
     * {@code EXEC Dial} answered by the seat. Asterisk runs Dial's {@code U()} subroutine on the seat's channel
     * the moment it answers; for the shipped {@code [ivr-queue-answered]} context that is the AGI script
     * {@code answerScript} with {@code answerArguments} (empty script: no subroutine). Dial returns once the
     * conversation of {@code talk} is over.
     */
    record SeatAnswers(String reply, Duration talk, String answerScript, java.util.List<String> answerArguments)
            implements SimAction {
    }
}
