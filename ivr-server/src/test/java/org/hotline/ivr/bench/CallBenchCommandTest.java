package org.hotline.ivr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.hotline.ivr.IvrCommand;
import org.hotline.ivr.audio.SpeechSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code ./ivr bench calls} with three citizens on a real node (embedded redis-server, FastAGI, AudioSocket, the
 * shipped 12345 flow, the distributor, draft orders), so the benchmark cannot rot: every call must end normally, every
 * describer's draft must be in Redis, frames and commands must have been timed and the report must keep its shape.
 * No figure is judged here; speed belongs in BENCHMARKS.md.
 *
 * <p>Kept cheap (a few seconds of calls): a one-second window, describers who say the first second of each Mandarin
 * sample (real speech, cut at test time), no talk time, and seats enough that nobody waits for a seat's wrap-up.
 */
class CallBenchCommandTest {

    @Test
    void benchCallsRunsWholeCallsToTheirEndAndReportsTheNode(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("calls.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new IvrCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        Path samples = firstSecondOfEachSample(dir.resolve("samples"));
        int exit = cli.execute("bench", "calls", "--calls", "3", "--describing", "2", "--seconds", "1", "--warmup", "0s",
                "--talk", "0s", "--describer-talk", "0s", "--prompt", "50ms", "--seats-per-call", "10",
                "--samples", samples.toString(), "--json", json.toString());

        assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
        JsonNode level = new ObjectMapper().readTree(json.toFile()).get("levels").get(0);
        assertThat(level.get("calls").asInt()).isEqualTo(3);
        assertThat(level.get("describingSlots").asInt()).isEqualTo(2);
        assertThat(level.get("ended").asLong()).as("calls the level placed and ended").isPositive();
        assertThat(level.get("completed").asLong()).isEqualTo(level.get("ended").asLong());
        assertThat(level.get("failed").asLong()).isZero();
        assertThat(level.get("stillInProgress").asLong()).isZero();
        assertThat(level.get("described").asLong()).isPositive();
        assertThat(level.get("drafts").asLong()).isEqualTo(level.get("described").asLong());
        assertThat(level.get("commands").asLong()).isPositive();
        assertThat(level.get("frames").asLong()).as("audio frames timed to the node's processing").isPositive();
        assertThat(level.get("nodeCpuSeconds").asDouble()).isPositive();
        assertThat(level.get("heapBytes").asLong()).isPositive();
        assertThat(out.toString())
                .contains("| calls | describing slots | on the line (mean) |")
                .containsPattern("\\| 3 \\| 2 \\| .* \\| 0 \\| 0 \\| (\\d+) / \\1 \\|")
                .contains("Goal, 2,000 calls of which 100 describing on one node: NOT met.");
    }

    /** The bench's eight Mandarin samples, each cut to its first second (they start with speech). */
    private static Path firstSecondOfEachSample(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int i = 1; i <= 8; i++) {
            String name = "zh-0" + i + ".wav";
            try (AudioInputStream full = AudioSystem.getAudioInputStream(SpeechSamples.folder().resolve(name).toFile());
                 AudioInputStream cut = new AudioInputStream(full, full.getFormat(), (long) full.getFormat().getFrameRate())) {
                AudioSystem.write(cut, AudioFileFormat.Type.WAVE, dir.resolve(name).toFile());
            }
        }
        return dir;
    }
}
