package org.hotline.ivr.testcall;

import java.util.List;
import java.util.Locale;
import org.hotline.ivr.sim.AgiCommandLine;

/** Reads AGI command lines as AMI's AGIExecStart reports them: does this one wait for the caller's keys? */
final class AgiCommands {

    private AgiCommands() {
    }

    static boolean readsKeys(String command) {
        List<String> words = words(command);
        String line = String.join(" ", words).toUpperCase(Locale.ROOT);
        if (line.startsWith("GET DATA") || line.startsWith("GET OPTION") || line.startsWith("WAIT FOR DIGIT")
                || line.startsWith("EXEC READ ") || line.startsWith("EXEC BACKGROUND ")) {
            return true;
        }
        if (line.startsWith("STREAM FILE")) {
            return words.size() > 3 && !words.get(3).isEmpty();
        }
        return line.startsWith("CONTROL STREAM FILE") && words.size() > 4 && !words.get(4).isEmpty();
    }

    static boolean startsAudioSocket(String command) {
        List<String> words = words(command);
        return words.size() > 1 && words.get(0).equalsIgnoreCase("EXEC") && words.get(1).equalsIgnoreCase("AudioSocket");
    }

    /** Words as Asterisk splits them (the simulator's tokenizer: blanks separate, double quotes group). */
    static List<String> words(String command) {
        return AgiCommandLine.parse(command).words();
    }
}
