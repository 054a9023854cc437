package org.hotline.ivr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.hotline.ivr.IvrCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code ./ivr bench calls} with three citizens on a real node (embedded redis-server, FastAGI, AudioSocket, the
 * shipped 12345 flow, the distributor, draft orders), so the benchmark cannot rot: every call must end normally, every
 * describer's draft must be in Redis, frames and commands must have been timed and the report must keep its shape.
 * No figure is judged here; speed belongs in BENCHMARKS.md.
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

        int exit = cli.execute("bench", "calls", "--calls", "3", "--describing", "2", "--seconds", "8", "--warmup", "0s",
                "--talk", "1s", "--describer-talk", "0s", "--prompt", "50ms", "--json", json.toString());

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
}
