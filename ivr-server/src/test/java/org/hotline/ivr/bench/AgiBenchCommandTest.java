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
 * Runs {@code ./ivr bench agi} with tiny numbers against both servers, each in its own JVM, so the
 * benchmark cannot rot: every call must complete on both sides and the report must keep its shape.
 * No figure is judged here; speed belongs in BENCHMARKS.md.
 */
class AgiBenchCommandTest {

    @Test
    void benchRunsEveryCallToItsEndOnBothServersAndReportsEachLevel(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new IvrCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("bench", "agi", "--calls", "5", "--commands", "5", "--server", "both",
                "--warmup", "0s", "--duration", "1s", "--idle", "5", "--idle-hold", "3s", "--json", json.toString());

        assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode levels = report.get("levels");
        assertThat(levels).hasSize(2);
        assertThat(levels.findValuesAsText("server")).containsExactly("netty", "asterisk-java");
        for (JsonNode level : levels) {
            assertThat(level.get("calls").asInt()).isEqualTo(5);
            assertThat(level.get("commandsPerCall").asInt()).isEqualTo(5);
            JsonNode outcomes = level.get("outcomes");
            long placed = outcomes.get("placed").asLong();
            assertThat(placed).as("each of the 5 slots places at least one call").isGreaterThanOrEqualTo(5);
            assertThat(outcomes.get("completed").asLong()).isEqualTo(placed);
            assertThat(outcomes.get("failed").asLong()).isZero();
            assertThat(outcomes.get("serverCallsOk").asLong()).isEqualTo(placed);
            assertThat(outcomes.get("serverCommands").asLong()).isEqualTo(placed * 5);
            assertThat(level.get("latency").get("seconds").asDouble()).isPositive();
            assertThat(level.get("latency").has("p99Micros")).isTrue();
            assertThat(level.get("memory").get("heapUsedAfterGcBytes").asLong()).isPositive();
            assertThat(level.get("memory").get("rssBytes").asLong()).isPositive();
        }
        JsonNode idle = report.get("idle");
        assertThat(idle).hasSize(2);
        for (JsonNode held : idle) {
            assertThat(held.get("calls").asInt()).isEqualTo(5);
            assertThat(held.get("outcomes").get("completed").asLong()).isEqualTo(5);
            assertThat(held.get("outcomes").get("serverCallsOk").asLong()).isEqualTo(5);
        }
        assertThat(report.get("machine").get("cores").asInt()).isPositive();
        assertThat(out.toString())
                .contains("| concurrent calls | server | commands/s | server CPU µs/command | of which kernel | p50 ms | p99 ms |")
                .containsPattern("\\| 5 \\| netty \\| .* \\| yes \\|")
                .containsPattern("\\| 5 \\| asterisk-java \\| .* \\| yes \\|")
                .contains("| server | idle calls |")
                .contains("All calls completed: true");
    }
}
