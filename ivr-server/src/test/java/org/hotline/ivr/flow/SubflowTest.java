package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow calling another: the subflow's return comes back, and a missing subflow is refused at load. */
class SubflowTest {

    @TempDir
    Path flows;

    private void write() throws Exception {
        Files.createDirectories(flows.resolve("prompts"));
        Files.writeString(flows.resolve("prompts/zh.yaml"), "hello: 你好\nnotice: 通知\nbye: 再见\n");
        Files.writeString(flows.resolve("main.yaml"), """
                languages: [zh]
                start: hello
                nodes:
                  hello:
                    play: hello
                    next: notice
                  notice:
                    subflow: notices
                    next: bye
                  bye:
                    hangup: bye
                on-error: bye
                """);
        Files.writeString(flows.resolve("notices.yaml"), """
                languages: [zh]
                start: read
                nodes:
                  read:
                    play: notice
                    next: done
                  done:
                    return:
                on-error: read
                """);
    }

    @Test
    void aSubflowRunsAndReturnsToTheNodeAfterIt() throws Exception {
        write();
        try (FlowBench bench = new FlowBench(flows, flows.resolve("redis"),
                redis -> StandInServices.of(redis, "127.0.0.1", 1))) {
            CallRecord record = bench.call(CallScenario.of("sub", "main", "13800138000"));
            JourneyStore.Journey journey = bench.journey(record);
            assertThat(record.prompts()).containsExactly("hello", "notice", "bye");
            assertThat(journey.steps()).extracting(s -> s.get("flow") + "/" + s.get("node"))
                    .containsExactly("main/hello", "main/notice", "notices/read", "notices/done", "main/bye");
            assertThat(journey.call()).containsEntry("outcome", "completed");
        }
    }

    @Test
    void aSubflowThatIsNotBesideTheFlowIsRefused() throws Exception {
        write();
        Files.delete(flows.resolve("notices.yaml"));
        try {
            new FlowLoader().load(flows.resolve("main.yaml"));
            throw new AssertionError("accepted");
        } catch (FlowException e) {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).isEqualTo("unknown flow 'notices' (no notices.yaml beside this flow)");
                assertThat(p.pos().line()).isEqualTo(8);
                assertThat(p.pos().column()).isEqualTo(14);
                assertThat(p.nodeId()).isEqualTo("notice");
            });
        }
    }
}
