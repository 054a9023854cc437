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

    @Test
    void simulatePrintsTheCallRecordAsJson(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("caller.wav");
        byte[] pcm = new byte[8000 * 2];
        for (int i = 0; i < pcm.length / 2; i++) {
            short v = (short) (6000 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        try (var in = new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(pcm),
                org.hotline.ivr.sim.WavAudio.SLIN8, pcm.length / 2)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, wav.toFile());
        }
        Run run = run("simulate", FLOWS + "/12345.yaml", "--press", "3", "--press", "1,1", "--say", wav.toString(),
                "--at", "2026-11-25T10:00", "--json");

        assertThat(run.status()).isZero();
        JsonNode record = new ObjectMapper().readTree(run.out());
        assertThat(record.path("language").asText()).isEqualTo("ja");
        assertThat(record.path("keys").asText()).isEqualTo("311");
        assertThat(record.path("queue").asText()).isEqualTo("foreign");
        assertThat(record.path("orderId").asText()).startsWith("draft-sim-");
        assertThat(record.path("outcome").asText()).startsWith("queued: ");
        assertThat(record.path("variables").path("category").asText()).isEqualTo("complaint");
        assertThat(record.path("prompts").toString()).contains("describe-problem");
        assertThat(record.path("path").get(9).path("node").asText()).isEqualTo("describe-problem");
    }

    @Test
    void simulateOnAHolidayWithALongQueueTakesTheOverflowBranch() {
        Run run = run("simulate", "--at", "2026-10-01T09:00", "--queue-waiting", "50", FLOWS + "/12345.yaml",
                "--press", "1,1,3");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("holiday-notice").contains("overflow-menu").contains("outcome:    queued:");
    }
}
