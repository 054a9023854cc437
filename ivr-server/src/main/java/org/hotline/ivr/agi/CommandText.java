package org.hotline.ivr.agi;

import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.NoopCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;

/**
 * The line an asterisk-java command goes out as: exactly what its {@code buildCommand()} gives, but for the commands
 * calls send most built without it. asterisk-java quotes every argument with three {@code String.replaceAll} and a
 * {@code String.format}, compiling four patterns per argument: under {@code ./ivr bench agi} that was 63% of this
 * server's allocations and 14% of its event loops' CPU samples (JFR, 2,000 calls). Its quoting rules are kept:
 * backslashes doubled, double quotes escaped, newlines dropped, {@code null} as {@code ""}. Any other command, or a
 * subclass of one of these, is built by asterisk-java itself. CommandTextTest holds the two to the same text.
 */
final class CommandText {

    private CommandText() {
    }

    static String of(AgiCommand command) {
        Class<?> type = command.getClass();
        if (type == AnswerCommand.class) {
            return "ANSWER";
        }
        if (type == NoopCommand.class) {
            return "NOOP";
        }
        if (type == HangupCommand.class) {
            String channel = ((HangupCommand) command).getChannel();
            return channel == null ? "HANGUP" : quote(new StringBuilder("HANGUP "), channel).toString();
        }
        if (type == StreamFileCommand.class) {
            StreamFileCommand stream = (StreamFileCommand) command;
            StringBuilder line = quote(new StringBuilder("STREAM FILE "), stream.getFile());
            quote(line.append(' '), stream.getEscapeDigits());
            if (stream.getOffset() >= 0) {
                line.append(' ').append(stream.getOffset());
            }
            return line.toString();
        }
        if (type == GetDataCommand.class) {
            return getData((GetDataCommand) command);
        }
        if (type == ExecCommand.class) {
            ExecCommand exec = (ExecCommand) command;
            StringBuilder line = quote(new StringBuilder("EXEC "), exec.getApplication()).append(' ');
            return quote(line, joined(exec.getOptions())).toString();
        }
        if (type == SetVariableCommand.class) {
            SetVariableCommand set = (SetVariableCommand) command;
            return quote(quote(new StringBuilder("SET VARIABLE "), set.getVariable()).append(' '), set.getValue())
                    .toString();
        }
        if (type == GetVariableCommand.class) {
            return quote(new StringBuilder("GET VARIABLE "), ((GetVariableCommand) command).getVariable()).toString();
        }
        return command.buildCommand();
    }

    /** As asterisk-java: the timeout only when set or digits are capped, the digits only when capped below 1024. */
    private static String getData(GetDataCommand data) {
        StringBuilder line = quote(new StringBuilder("GET DATA "), data.getFile());
        if (data.getMaxDigits() != 1024) {
            line.append(' ').append(data.getTimeout()).append(' ').append(data.getMaxDigits());
        } else if (data.getTimeout() != 0) {
            line.append(' ').append(data.getTimeout());
        }
        return line.toString();
    }

    /** EXEC's options joined by commas (a null option is the word null, as in asterisk-java), or null if none. */
    private static String joined(String[] options) {
        if (options == null) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < options.length; i++) {
            joined.append(i > 0 ? "," : "").append(options[i]);
        }
        return joined.toString();
    }

    private static StringBuilder quote(StringBuilder line, String value) {
        line.append('"');
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '"' -> line.append("\\\"");
                    case '\n' -> { } // dropped: a newline would end the command line
                    default -> line.append(c);
                }
            }
        }
        return line.append('"');
    }
}
