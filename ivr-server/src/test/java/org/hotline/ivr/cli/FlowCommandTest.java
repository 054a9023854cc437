package org.hotline.ivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The engineer's tools as they are run from the shell: exit status and output. */
class FlowCommandTest {

    static final String FLOWS = Path.of("..", "call-flows").toString();

    record Run(int status, String out) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new FlowCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return new Run(cli.execute(args), out.toString());
    }

    @Test
    void lintPassesTheShippedFlows() {
        Run run = run("lint", FLOWS + "/12345.yaml", FLOWS + "/survey.yaml");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("12345.yaml: ok (").contains("survey.yaml: ok (");
    }

    @Test
    void lintFailsABrokenFlowWithMachineReadableProblems(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/zh.yaml"), "hello: 你好\n");
        Files.writeString(dir.resolve("bad.yaml"), "languages: [zh]\nstart: a\nnodes:\n  a:\n    play: hello\n    next: b\non-error: a\n");
        Run run = run("lint", "--json", dir.resolve("bad.yaml").toString());
        assertThat(run.status()).isEqualTo(1);
        JsonNode problem = new ObjectMapper().readTree(run.out()).path("files").get(0).path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(6);
        assertThat(problem.path("column").asInt()).isEqualTo(11);
        assertThat(problem.path("node").asText()).isEqualTo("a");
        assertThat(problem.path("message").asText()).isEqualTo("unknown node 'b'");
    }

    @Test
    void graphDrawsEveryNodeAndLabelledEdgeInDotAndMermaid() {
        Run dot = run("graph", FLOWS + "/survey.yaml");
        assertThat(dot.status()).isZero();
        assertThat(dot.out()).startsWith("digraph \"survey\" {").contains("\"resolved\" -> \"was-resolved\" [label=\"key 1\"]")
                .contains("\"thanks\" [label=\"thanks\\nhangup: survey-thanks\"");
        Run mermaid = run("graph", "--format", "mermaid", FLOWS + "/survey.yaml");
        assertThat(mermaid.out()).startsWith("flowchart TD").contains("n_resolved -->|key 2| n_not_resolved");
    }

    /**
     * The production path, as {@code ./ivr flow simulate 12345 --press 3 --press 1,1 --say zh-01.wav --json} runs it:
     * the description is recorded to its real length (end of turn after the speech), the order part writes a real
     * draft (read back from Redis into the output), and the distributor connects the call to a simulated seat.
     */
    @Test
    void simulateRunsTheProductionPathToARealOrderAndASeat() throws Exception {
        Path speech = org.hotline.ivr.audio.SpeechSamples.folder().resolve("ja-01.wav");
        long spokenMillis;
        try (var in = javax.sound.sampled.AudioSystem.getAudioInputStream(speech.toFile())) {
            spokenMillis = in.getFrameLength() * 1000 / (long) in.getFormat().getFrameRate();
        }
        Run run = run("simulate", FLOWS + "/12345.yaml", "--press", "3", "--press", "1,1", "--say", speech.toString(),
                "--at", "2026-11-25T10:00", "--json");

        assertThat(run.status()).isZero();
        JsonNode record = new ObjectMapper().readTree(run.out());
        assertThat(record.path("language").asText()).isEqualTo("ja");
        assertThat(record.path("keys").asText()).isEqualTo("311");
        assertThat(record.path("queue").asText()).isEqualTo("foreign");
        assertThat(record.path("variables").path("category").asText()).isEqualTo("complaint");
        assertThat(record.path("prompts").toString()).contains("describe-problem");
        assertThat(record.path("path").get(9).path("node").asText()).isEqualTo("describe-problem");

        String orderId = record.path("orderId").asText();
        assertThat(orderId).matches("12345-\\d{8}-\\d{6}");
        JsonNode order = record.path("order");
        assertThat(order.path("orderId").asText()).isEqualTo(orderId);
        assertThat(order.path("callId").asText()).isEqualTo(record.path("callId").asText());
        assertThat(order.path("status").asText()).isEqualTo("draft");
        assertThat(order.path("language").asText()).isEqualTo("ja");
        JsonNode recording = record.path("recordings").get(0);
        assertThat(recording.path("kind").asText()).isEqualTo("description");
        assertThat(order.path("recordingPath").asText()).isEqualTo(recording.path("path").asText());
        // What the caller said, and no more than the end-of-turn silence after it.
        assertThat(recording.path("durationMillis").asLong()).isBetween(spokenMillis - 500, spokenMillis + 4000);
        assertThat(record.path("outcome").asText()).isEqualTo("queued: connected");
        assertThat(record.path("commands").toString()).contains("EXEC \\\"Dial\\\"").contains("U(ivr-queue-answered^");
        // The wait is journaled like the path: the seat the distributor chose was rung and answered.
        assertThat(record.path("notes").findValuesAsText("result"))
                .anyMatch(note -> note.startsWith("draft order " + orderId + " written"))
                .anyMatch(note -> note.matches("hold: seat \\d+ rung after \\d+ s waiting"))
                .anyMatch(note -> note.matches("hold: seat \\d+ answered"));
    }

    @Test
    void simulateOnAHolidayWithALongQueueTakesTheOverflowBranch() {
        Run run = run("simulate", "--at", "2026-10-01T09:00", "--queue-waiting", "50", FLOWS + "/12345.yaml",
                "--press", "1,1,3");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("holiday-notice").contains("overflow-menu").contains("outcome:    queued:");
    }
}
