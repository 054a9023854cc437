package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dialplan an operator pastes from docs/asterisk.md is the dialplan the tests run: every snippet there
 * (a code block that opens with a {@code [context]}) must be, comments and spacing aside, an in-order
 * excerpt of one of {@code config/asterisk/*.conf}, which {@link TestDialplan} loads into the real Asterisk.
 */
class DocumentedDialplanTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyDialplanSnippetInTheGuideIsAnExcerptOfTheShippedFiles() throws IOException {
        List<List<String>> shipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("config/asterisk"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
                shipped.add(dialplanLines(Files.readString(file)));
            }
        }
        Matcher block = BLOCK.matcher(Files.readString(ROOT.resolve("docs/asterisk.md")));
        int checked = 0;
        while (block.find()) {
            List<String> snippet = dialplanLines(block.group(1));
            if (snippet.isEmpty() || !snippet.get(0).startsWith("[")) {
                continue;
            }
            checked++;
            assertThat(shipped.stream().anyMatch(file -> isExcerpt(snippet, file)))
                    .as("docs/asterisk.md's snippet starting %s is not in config/asterisk/*.conf as written", snippet.get(0))
                    .isTrue();
        }
        assertThat(checked).as("dialplan snippets found in docs/asterisk.md").isGreaterThan(0);
    }

    @Test
    void aChangedLineIsCaught() {
        List<String> file = dialplanLines("[a]\nexten => s,1,Answer() ; hello\n same => n,Hangup()\n");
        assertThat(isExcerpt(dialplanLines("[a]\nexten => s,1,Answer()\n"), file)).isTrue();
        assertThat(isExcerpt(dialplanLines("[a]\nexten => s,1,Answer(5)\n"), file)).isFalse();
        assertThat(isExcerpt(dialplanLines("[a]\n same => n,Hangup()\nexten => s,1,Answer()\n"), file)).isFalse();
    }

    /** Lines without Asterisk's ; comments, spacing collapsed, blank lines dropped. */
    private static List<String> dialplanLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            int comment = line.indexOf(';');
            String code = (comment < 0 ? line : line.substring(0, comment)).trim().replaceAll("\\s+", " ");
            if (!code.isEmpty()) {
                lines.add(code);
            }
        }
        return lines;
    }

    private static boolean isExcerpt(List<String> snippet, List<String> file) {
        int at = 0;
        for (String line : file) {
            if (at < snippet.size() && line.equals(snippet.get(at))) {
                at++;
            }
        }
        return at == snippet.size();
    }
}
