package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShippedFlowsTest {

    static final Path FLOWS = Path.of("..", "call-flows");

    @Test
    void the12345FlowLintsClean() {
        Flow flow = new FlowLoader().load(FLOWS.resolve("12345.yaml"));
        assertThat(flow.languages()).containsExactly("zh", "en", "ja", "ko", "ru", "fr", "de", "es");
        assertThat(flow.nodes()).containsKeys("welcome", "choose-language", "main-menu", "operator");
    }

    @Test
    void theSurveyFlowLintsClean() {
        assertThat(new FlowLoader().load(FLOWS.resolve("survey.yaml")).start().name()).isEqualTo("intro");
    }

    @Test
    void everyFlowInTheDirectoryLoads() {
        FlowLibrary library = new FlowLibrary(FLOWS);
        FlowLibrary.ReloadReport report = library.reload();
        assertThat(report.problems()).isEmpty();
        assertThat(library.names()).contains("12345", "survey");
    }
}
