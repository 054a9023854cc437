package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hotline.ivr.audio.SpeechSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TranscribeCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new TranscribeCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void withoutAModelTheCommandSaysWhichLanguageAndHowToInstallIt() {
        Path wav = SpeechSamples.folder().resolve("zh-01.wav");
        assertThat(run(wav.toString(), "--lang", "zh", "--models-dir", temp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no zh model").contains("./ivr models install zh");
    }

    @Test
    void aFileThatIsNotAWavIsNamed() throws Exception {
        Path notWav = Files.writeString(temp.resolve("x.wav"), "nope");
        assertThat(run(notWav.toString(), "--lang", "en", "--models-dir", temp.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(notWav + ": not a WAV file");
    }
}
