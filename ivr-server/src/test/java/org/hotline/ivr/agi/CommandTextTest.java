package org.hotline.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.NoopCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.junit.jupiter.api.Test;

/**
 * Our command lines against asterisk-java's own {@code buildCommand()} (the real library, the oracle): for every
 * command built without it and awkward arguments (quotes, backslashes, newlines, carriage returns, Chinese, empty,
 * null), the line Asterisk receives must be the same character for character.
 */
class CommandTextTest {

    private static final List<String> AWKWARD = Arrays.asList(null, "", "plain", "zh/welcome", "say \"hi\"",
            "back\\slash", "\\\"", "two\nlines", "ends\n", "cr\rlf\r\n", "北京 12345", " spaced  out ", "a,b|c", "(x)");

    @Test
    void everyCommandWeBuildOurselvesGoesOutAsAsteriskJavaWouldSendIt() {
        List<AgiCommand> commands = new ArrayList<>(List.of(new AnswerCommand(), new NoopCommand(), new HangupCommand()));
        for (String a : AWKWARD) {
            commands.add(new HangupCommand(a));
            commands.add(new GetVariableCommand(a));
            commands.add(new StreamFileCommand(a));
            commands.add(new StreamFileCommand(a, "0123456789*#"));
            commands.add(new StreamFileCommand("zh/menu", a, 1600));
            commands.add(new StreamFileCommand(a, a, 0));
            commands.add(new StreamFileCommand(a, null, -1));
            commands.add(new GetDataCommand(a));
            commands.add(new GetDataCommand(a, 5000));
            commands.add(new GetDataCommand(a, 0, 1));
            commands.add(new GetDataCommand(a, 3000, 1024));
            commands.add(new ExecCommand(a));
            commands.add(new ExecCommand("Wait", a));
            commands.add(new ExecCommand("Dial", "Local/100001@seat", a, "U(queue-answered)"));
            commands.add(new ExecCommand("Playback", (String[]) null));
            commands.add(new ExecCommand("Dial", new String[] {null, a}));
            for (String b : AWKWARD) {
                commands.add(new SetVariableCommand(a, b));
            }
        }
        for (AgiCommand command : commands) {
            assertThat(CommandText.of(command)).as("%s", command.getClass().getSimpleName())
                    .isEqualTo(command.buildCommand());
        }
    }

    @Test
    void otherCommandsAndSubclassesAreLeftToAsteriskJava() {
        AgiCommand sayDigits = new SayDigitsCommand("12\"345", "#");
        AgiCommand renamed = new GetVariableCommand("X") {
            @Override
            public String buildCommand() {
                return "GET FULL VARIABLE \"${X}\"";
            }
        };

        assertThat(CommandText.of(sayDigits)).isEqualTo(sayDigits.buildCommand()).isEqualTo("SAY DIGITS \"12\\\"345\" \"#\"");
        assertThat(CommandText.of(renamed)).isEqualTo("GET FULL VARIABLE \"${X}\"");
    }
}
