package org.hotline.ivr.agi;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * Asterisk's reply to one AGI command, parsed once when it arrives, without regular expressions:
 * {@code 200 result=1 (timeout) endpos=1234} has status 200, result {@code 1}, extra {@code timeout}
 * (the text in parentheses, up to the last closing one, so values holding parentheses stay whole) and
 * attribute {@code endpos}; {@code 510 ...} and {@code 511 ...} are only a status; a {@code 520-}
 * block keeps its lines, whose middle is the usage Asterisk printed. Immutable, so a script on any
 * thread may read it.
 */
public final class CommandReply implements AgiReply {

    private static final long serialVersionUID = 1L;
    private static final String RESULT = "200 result=";
    private static final String USAGE_PREFIX = "Usage:";

    private final List<String> lines;
    private final int status;
    private final String result;
    private final String extra;
    private final Map<String, String> attributes;

    private CommandReply(List<String> lines, int status, String result, String extra, Map<String, String> attributes) {
        this.lines = lines;
        this.status = status;
        this.result = result;
        this.extra = extra;
        this.attributes = attributes;
    }

    /** {@code line} is a status line: three digits, then the end of the line or a space. */
    static boolean isStatusLine(String line) {
        return line.length() >= 3 && isDigit(line.charAt(0)) && isDigit(line.charAt(1)) && isDigit(line.charAt(2))
                && (line.length() == 3 || line.charAt(3) == ' ');
    }

    /** A one-line reply; {@code line} must be a {@link #isStatusLine status line}. */
    static CommandReply of(String line) {
        return parse(List.of(line));
    }

    /** A {@code 520-} usage block, its first line to its closing {@code 520 } line. */
    static CommandReply ofUsageBlock(List<String> lines) {
        return parse(List.copyOf(lines));
    }

    private static CommandReply parse(List<String> lines) {
        String line = lines.get(0);
        int status = (line.charAt(0) - '0') * 100 + (line.charAt(1) - '0') * 10 + (line.charAt(2) - '0');
        if (!line.startsWith(RESULT)) {
            return new CommandReply(lines, status, "", null, Map.of());
        }
        int resultEnd = line.indexOf(' ', RESULT.length());
        if (resultEnd < 0) {
            return new CommandReply(lines, status, line.substring(RESULT.length()), null, Map.of());
        }
        String result = line.substring(RESULT.length(), resultEnd);
        int rest = skipSpaces(line, resultEnd);
        String extra = null;
        int close = line.lastIndexOf(')');
        if (rest < line.length() && line.charAt(rest) == '(' && close > rest) {
            extra = line.substring(rest + 1, close);
            rest = skipSpaces(line, close + 1);
        }
        return new CommandReply(lines, status, result, extra, attributes(line, rest));
    }

    /** {@code key=value key2="quoted value"} from {@code from} on; keys in lower case, as asterisk-java gives them. */
    private static Map<String, String> attributes(String line, int from) {
        if (from >= line.length()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(4);
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        boolean inKey = true;
        boolean quoted = false;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inKey && c == '=') {
                inKey = false;
            } else if (!inKey && c == '"') {
                quoted = !quoted;
            } else if (!inKey && quoted && c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                value.append('"');
                i++;
            } else if (c == ' ' && !quoted) {
                put(out, key, value);
                inKey = true;
            } else {
                (inKey ? key : value).append(c);
            }
        }
        put(out, key, value);
        return Map.copyOf(out);
    }

    private static void put(Map<String, String> out, StringBuilder key, StringBuilder value) {
        if (key.length() > 0) {
            out.put(key.toString().toLowerCase(Locale.ROOT), value.toString());
        }
        key.setLength(0);
        value.setLength(0);
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String getFirstLine() {
        return lines.get(0);
    }

    @Override
    public List<String> getLines() {
        return lines;
    }

    @Override
    public int getStatus() {
        return status;
    }

    /** The text after {@code result=} up to the first space; empty if there is none (as with {@code result= (timeout)}). */
    @Override
    public String getResult() {
        return result;
    }

    /** The result as a number, -1 if it is not one. */
    @Override
    public int getResultCode() {
        try {
            return Integer.parseInt(result);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The result as the character it codes (a DTMF key's ASCII value), 0 if none. */
    @Override
    public char getResultCodeAsChar() {
        int code = getResultCode();
        return code < 0 ? 0 : (char) code;
    }

    @Override
    public String getAttribute(String name) {
        if (status != SC_SUCCESS) {
            return null;
        }
        return "result".equalsIgnoreCase(name) ? result : attributes.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String getExtra() {
        return status == SC_SUCCESS ? extra : null;
    }

    /** A 520's {@code Usage:} line, without the word (older Asterisks print one; 22 prints a description). */
    @Override
    public String getSynopsis() {
        if (status != SC_INVALID_COMMAND_SYNTAX || lines.size() < 2 || !lines.get(1).trim().startsWith(USAGE_PREFIX)) {
            return null;
        }
        return lines.get(1).trim().substring(USAGE_PREFIX.length()).trim();
    }

    /** A 520 block's usage text: its lines between the first and the closing one, joined by spaces. */
    @Override
    public String getUsage() {
        if (lines.size() < 3) {
            return "";
        }
        StringBuilder usage = new StringBuilder();
        for (String line : lines.subList(1, lines.size() - 1)) {
            usage.append(line.trim()).append(' ');
        }
        return usage.toString().trim();
    }

    @Override
    public String toString() {
        return "CommandReply[" + lines.get(0) + (lines.size() > 1 ? " (+" + (lines.size() - 1) + " lines)" : "") + "]";
    }
}
