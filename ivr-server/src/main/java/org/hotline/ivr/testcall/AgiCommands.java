package org.hotline.ivr.testcall;

import java.util.List;
import java.util.Locale;

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
        return command.trim().toUpperCase(Locale.ROOT).startsWith("EXEC AUDIOSOCKET");
    }

    /** Words as Asterisk splits them: blanks separate, double quotes group (and are dropped). */
    static List<String> words(String command) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
