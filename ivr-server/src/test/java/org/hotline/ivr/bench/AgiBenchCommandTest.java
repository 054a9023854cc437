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
 * No figure is judged here; speed belongs in BENCHMARKS.md. Kept cheap: four short-lived JVMs, half a second of
 * load each and a one-second hold.
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

        int exit = cli.execute("bench", "agi", "--calls", "3", "--commands", "3", "--server", "both",
                "--warmup", "0s", "--duration", "500ms", "--idle", "3", "--idle-hold", "1s", "--json", json.toString());

        assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode levels = report.get("levels");
        assertThat(levels).hasSize(2);
        assertThat(levels.findValuesAsText("server")).containsExactly("netty", "asterisk-java");
        for (JsonNode level : levels) {
            assertThat(level.get("calls").asInt()).isEqualTo(3);
            assertThat(level.get("commandsPerCall").asInt()).isEqualTo(3);
            JsonNode outcomes = level.get("outcomes");
            long placed = outcomes.get("placed").asLong();
            assertThat(placed).as("each of the 3 slots places at least one call").isGreaterThanOrEqualTo(3);
            assertThat(outcomes.get("completed").asLong()).isEqualTo(placed);
            assertThat(outcomes.get("failed").asLong()).isZero();
            assertThat(outcomes.get("serverCallsOk").asLong()).isEqualTo(placed);
            assertThat(outcomes.get("serverCommands").asLong()).isEqualTo(placed * 3);
            assertThat(level.get("latency").get("seconds").asDouble()).isPositive();
            assertThat(level.get("latency").has("p99Micros")).isTrue();
            assertThat(level.get("latency").get("serverJitSeconds").asDouble()).as("JIT compiler threads' CPU in the window")
                    .isBetween(0.0, level.get("latency").get("serverCpuSeconds").asDouble());
            assertThat(level.get("memory").get("heapUsedAfterGcBytes").asLong()).isPositive();
            assertThat(level.get("memory").get("rssBytes").asLong()).isPositive();
        }
        JsonNode idle = report.get("idle");
        assertThat(idle).hasSize(2);
        for (JsonNode held : idle) {
            assertThat(held.get("calls").asInt()).isEqualTo(3);
            assertThat(held.get("outcomes").get("completed").asLong()).isEqualTo(3);
            assertThat(held.get("outcomes").get("serverCallsOk").asLong()).isEqualTo(3);
        }
        assertThat(report.get("machine").get("cores").asInt()).isPositive();
        assertThat(out.toString())
                .contains("| concurrent calls | server | commands/s | server CPU µs/command | of which kernel | of which JIT | p50 ms | p99 ms |")
                .containsPattern("\\| 3 \\| netty \\| .* \\| yes \\|")
                .containsPattern("\\| 3 \\| asterisk-java \\| .* \\| yes \\|")
                .contains("| server | idle calls |")
                .contains("All calls completed: true");
    }
}
