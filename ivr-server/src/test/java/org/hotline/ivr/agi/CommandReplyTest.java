package org.hotline.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.junit.jupiter.api.Test;

/**
 * Our parser of Asterisk's replies, on lines a real Asterisk 22.10.1 sent (captured from its FastAGI
 * socket, commands in the comments) and on the documented forms Asterisk's res_agi.c prints.
 */
class CommandReplyTest {

    @Test
    void aPlainSuccessHasItsResultAndNoExtra() {
        AgiReply reply = CommandReply.of("200 result=0"); // ANSWER
        assertThat(reply.getStatus()).isEqualTo(AgiReply.SC_SUCCESS);
        assertThat(reply.getResult()).isEqualTo("0");
        assertThat(reply.getResultCode()).isZero();
        assertThat(reply.getExtra()).isNull();
        assertThat(reply.getAttribute("endpos")).isNull();
        assertThat(reply.getFirstLine()).isEqualTo("200 result=0");
    }

    @Test
    void aVariableValueIsTheExtraEvenWhenItHoldsParenthesesAndSpaces() {
        assertThat(CommandReply.of("200 result=1 (Local/caller@test-caller-00000000;1)").getExtra()) // GET VARIABLE CHANNEL
                .isEqualTo("Local/caller@test-caller-00000000;1");
        AgiReply nested = CommandReply.of("200 result=1 (a (b) c)"); // GET VARIABLE after SET VARIABLE "X" "a (b) c"
        assertThat(nested.getExtra()).isEqualTo("a (b) c");
        assertThat(nested.getResultCode()).isEqualTo(1);
        assertThat(CommandReply.of("200 result=1 (北京市朝阳区)").getExtra()).isEqualTo("北京市朝阳区");
    }

    @Test
    void aTimeoutHasItsExtraAndTheAttributesAfterIt() {
        AgiReply record = CommandReply.of("200 result=1 (timeout) endpos=1234"); // RECORD FILE ended by silence
        assertThat(record.getResultCode()).isEqualTo(1);
        assertThat(record.getExtra()).isEqualTo("timeout");
        assertThat(record.getAttribute("endpos")).isEqualTo("1234");
        assertThat(record.getAttribute("ENDPOS")).as("attribute names ignore case").isEqualTo("1234");
        assertThat(record.getAttribute("result")).isEqualTo("1");

        AgiReply getData = CommandReply.of("200 result= (timeout)"); // GET DATA with no key pressed
        assertThat(getData.getResult()).isEmpty();
        assertThat(getData.getResultCode()).isEqualTo(-1);
        assertThat(getData.getExtra()).isEqualTo("timeout");
    }

    @Test
    void attributesWithoutAnExtraAndNegativeResults() {
        AgiReply stream = CommandReply.of("200 result=-1 endpos=0"); // STREAM FILE of a file that is not there
        assertThat(stream.getResultCode()).isEqualTo(-1);
        assertThat(stream.getExtra()).isNull();
        assertThat(stream.getAttribute("endpos")).isEqualTo("0");
        assertThat(CommandReply.of("200 result=-2").getResultCode()).isEqualTo(-2); // EXEC of an unknown application
        AgiReply quoted = CommandReply.of("200 result=0 note=\"two words\" n=1");
        assertThat(quoted.getAttribute("note")).isEqualTo("two words");
        assertThat(quoted.getAttribute("n")).isEqualTo("1");
    }

    @Test
    void aKeyPressIsItsAsciiCode() {
        AgiReply key = CommandReply.of("200 result=49"); // WAIT FOR DIGIT, caller pressed 1
        assertThat(key.getResultCodeAsChar()).isEqualTo('1');
        assertThat(CommandReply.of("200 result=0").getResultCodeAsChar()).isEqualTo((char) 0);
    }

    @Test
    void refusalsAreOnlyAStatus() {
        AgiReply unknown = CommandReply.of("510 Invalid or unknown command"); // FOO BAR
        assertThat(unknown.getStatus()).isEqualTo(AgiReply.SC_INVALID_OR_UNKNOWN_COMMAND);
        assertThat(unknown.getResult()).isEmpty();
        assertThat(unknown.getExtra()).isNull();
        assertThat(unknown.getAttribute("result")).isNull();
        AgiReply dead = CommandReply.of("511 Command Not Permitted on a dead channel or intercepted channel");
        assertThat(dead.getStatus()).isEqualTo(AgiReply.SC_DEAD_CHANNEL);
        assertThat(CommandReply.of("520 Invalid command syntax.  Proper usage not available.").getUsage()).isEmpty();
    }

    @Test
    void aUsageBlockKeepsItsLinesAndTheUsageBetweenThem() {
        List<String> lines = List.of("520-Invalid command syntax.  Proper usage follows:", // WAIT FOR DIGIT without timeout
                "Waits up to <replaceable>timeout</replaceable> milliseconds for channel to receive a DTMF digit.",
                "520 End of proper usage.");
        AgiReply reply = CommandReply.ofUsageBlock(lines);
        assertThat(reply.getStatus()).isEqualTo(AgiReply.SC_INVALID_COMMAND_SYNTAX);
        assertThat(reply.getLines()).isEqualTo(lines);
        assertThat(reply.getUsage()).startsWith("Waits up to").endsWith("DTMF digit.");
        assertThat(reply.getSynopsis()).as("Asterisk 22 prints a description, not a Usage: line").isNull();
        assertThat(CommandReply.ofUsageBlock(List.of("520-Invalid command syntax.  Proper usage follows:",
                " Usage: WAIT FOR DIGIT <timeout>", "520 End of proper usage.")).getSynopsis())
                .isEqualTo("WAIT FOR DIGIT <timeout>");
    }

    @Test
    void statusLinesAreThreeDigitsThenASpaceOrTheEnd() {
        assertThat(CommandReply.isStatusLine("200 result=0")).isTrue();
        assertThat(CommandReply.isStatusLine("200")).isTrue();
        assertThat(CommandReply.isStatusLine("HANGUP")).isFalse();
        assertThat(CommandReply.isStatusLine("20 result=0")).isFalse();
        assertThat(CommandReply.isStatusLine("2000 result=0")).isFalse();
        assertThat(CommandReply.isStatusLine("hello there")).isFalse();
    }
}
