package org.hotline.ivr.bench;

import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.NoopCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;

/**
 * The command sequence both benchmarked servers send, so that they do the same work: ANSWER, then
 * SET VARIABLE / GET VARIABLE / NOOP in turn, then HANGUP. The simulator answers each at once.
 */
final class CommandMix {

    static final String LOAD_SCRIPT = "load";
    static final String IDLE_SCRIPT = "idle";
    private static final String VARIABLE = "BENCH_STEP";

    private CommandMix() {
    }

    /** Command {@code index} (0-based) of a call that sends {@code total} commands (at least 2). */
    static AgiCommand command(int index, int total) {
        if (index == 0) {
            return new AnswerCommand();
        }
        if (index == total - 1) {
            return new HangupCommand();
        }
        return switch ((index - 1) % 3) {
            case 0 -> new SetVariableCommand(VARIABLE, "step-" + index);
            case 1 -> new GetVariableCommand(VARIABLE);
            default -> new NoopCommand();
        };
    }

    /**
     * The idle call's long command: the simulator answers {@code EXEC Wait} only after the scenario's
     * prompt duration, so the call sits with one command in flight, as a call on hold does.
     */
    static AgiCommand hold() {
        return new ExecCommand("Wait", "3600");
    }
}
