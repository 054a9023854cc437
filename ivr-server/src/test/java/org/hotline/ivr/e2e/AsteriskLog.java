package org.hotline.ivr.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Asterisk's {@code messages.log} read as evidence: a test is wrong if Asterisk complained about what we
 * did (a prompt file it cannot find, an application that does not exist, an AGI command it rejected with
 * 510/520 (seen with {@code agi set debug on}), an AMI action it refused). Lines are read from a mark, so
 * each test is judged on its own lines.
 */
final class AsteriskLog {

    /** WARNING and ERROR lines (any module), and AGI replies that reject the command we sent. */
    private static final Pattern PROBLEM = Pattern.compile("^\\[[^]]+] (WARNING|ERROR)\\[|AGI Tx >> 5(10|20) ");

    /**
     * Asterisk's own report of a caller hanging up while its AudioSocket application runs (ast_read() gives
     * no frame on a hung-up channel, and app_audiosocket logs that as a WARNING): nothing we did or could do.
     */
    private static final Pattern CALLER_HANGUP_DURING_AUDIOSOCKET =
            Pattern.compile("WARNING\\[[^ ]* app_audiosocket\\.c: Failed to receive frame from channel ");

    private final Path file;

    AsteriskLog(Path file) {
        this.file = file;
    }

    /** The end of the log now: later lines belong to whatever happens next. */
    long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> linesSince(long mark) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= mark) {
                return List.of();
            }
            byte[] tail = new byte[(int) (length - mark)];
            in.seek(mark);
            in.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> problemsSince(long mark) {
        return linesSince(mark).stream().filter(line -> PROBLEM.matcher(line).find())
                .filter(line -> !CALLER_HANGUP_DURING_AUDIOSOCKET.matcher(line).find()).toList();
    }

    /** Fails with every offending line if Asterisk complained about anything since {@code mark}. */
    void assertNoProblemsSince(long mark) {
        List<String> problems = problemsSince(mark);
        if (!problems.isEmpty()) {
            throw new AssertionError("Asterisk complained about what the IVR did (" + file + "):\n  "
                    + String.join("\n  ", problems));
        }
    }
}
