package org.hotline.ivr.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A command line as Asterisk's {@code parse_args} splits it: words, "quoted words", backslash escapes. */
public record AgiCommandLine(List<String> words) {

    public static AgiCommandLine parse(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '"') {
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
        return new AgiCommandLine(words);
    }

    /** True if the line starts with these words, case-insensitively (AGI verbs are upper case). */
    boolean is(String... verb) {
        if (words.size() < verb.length) {
            return false;
        }
        for (int i = 0; i < verb.length; i++) {
            if (!words.get(i).toUpperCase(Locale.ROOT).equals(verb[i])) {
                return false;
            }
        }
        return true;
    }

    String arg(int index) {
        return index < words.size() ? words.get(index) : "";
    }

    int intArg(int index, int fallback) {
        try {
            return Integer.parseInt(arg(index));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
