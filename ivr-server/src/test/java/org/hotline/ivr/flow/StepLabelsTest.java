package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code label:} of nodes and menu options: what a seat reads for a step of the menu path. */
class StepLabelsTest {

    @TempDir
    Path dir;

    @Test
    void theShippedHotlineLabelsWhatTheCallerChoseInBothScreenLanguages() throws IOException {
        Flow flow = new FlowLoader().load(Path.of("..", "call-flows", "12345.yaml"));
        assertThat(flow.labels().of("main-menu:1", "zh")).contains("反映问题");
        assertThat(flow.labels().of("report-type:1", "zh")).contains("投诉");
        assertThat(flow.labels().of("report-type:1", "en")).contains("Complaint");
        assertThat(flow.labels().of("priority-mark", "zh")).contains("优先接听");
        assertThat(flow.labels().of("care-list", "zh")).isEmpty();
    }

    @Test
    void aPlainLabelServesEveryLanguageAndABadOneIsNamedWithItsLine() throws IOException {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/zh.yaml"), "menu: 请选择\nbye: 再见\n");
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                start: m
                nodes:
                  m:
                    label: 主菜单
                    menu:
                      prompt: menu
                      default: a
                      options:
                        1: {next: a, label: 反映问题}
                        2: {next: a, label: ""}
                        3: {next: a, label: {zh: 建议, EN: Idea}}
                  a:
                    hangup: bye
                on-error: a
                """);
        try {
            new FlowLoader().load(file);
            throw new AssertionError("the flow was accepted");
        } catch (FlowException e) {
            List<FlowProblem> problems = e.problems();
            assertThat(problems).extracting(p -> p.pos().line()).containsExactlyInAnyOrder(10, 11);
            assertThat(problems).extracting(FlowProblem::message).anyMatch(m -> m.contains("a label is a short text"))
                    .anyMatch(m -> m.contains("screen language"));
        }
        Files.writeString(file, Files.readString(file).replace("label: \"\"", "label: x").replace("EN:", "en:"));
        Flow flow = new FlowLoader().load(file);
        assertThat(flow.labels().of("m:1", "en")).contains("反映问题");
        assertThat(flow.labels().of("m", "zh")).contains("主菜单");
        assertThat(flow.labels().of("m:3", "en")).contains("Idea");
    }
}
