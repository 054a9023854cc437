package org.hotline.ivr.sim;

import java.nio.file.Path;
import java.time.Duration;

/** What the simulated caller does next, consumed in order as the server asks for input. */
public sealed interface ScenarioStep {

    /** Keys, taken by the next command that reads DTMF (STREAM FILE with escape digits, GET DATA ...). */
    record Press(String digits) implements ScenarioStep {
    }

    /** Speech, streamed by the next {@code EXEC AudioSocket}. */
    record Say(Path wav) implements ScenarioStep {
    }

    /** The caller stays silent this long before the next command is answered. */
    record Pause(Duration duration) implements ScenarioStep {
    }

    /**
     * Once a seat answers: the next {@code EXEC Dial} is answered (DIALSTATUS=ANSWER) and returns only after
     * the caller and the seat have talked this long. Commands before that Dial leave it waiting.
     */
    record Talk(Duration duration) implements ScenarioStep {
    }

    /** The caller hangs up at this point. */
    record HangUp() implements ScenarioStep {
    }

    /**
     * The caller hangs up during the first command whose line contains {@code text} (a prompt name, an
     * application); commands before it are answered as usual. Put it last: it waits at the head of the steps.
     */
    record HangUpDuring(String text) implements ScenarioStep {
    }
}
