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
    void theExampleInTheReadmeLintsClean(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        String docs = readme.substring(readme.indexOf("\n## Call flows"));
        int start = docs.indexOf("```yaml\n") + 8;
        java.nio.file.Files.writeString(dir.resolve("12345.yaml"), docs.substring(start, docs.indexOf("```", start)));
        for (String sub : new String[] {"prompts", "calendars"}) {
            java.nio.file.Files.createDirectories(dir.resolve(sub));
            try (var files = java.nio.file.Files.list(FLOWS.resolve(sub))) {
                for (Path file : files.toList()) {
                    java.nio.file.Files.copy(file, dir.resolve(sub).resolve(file.getFileName()));
                }
            }
        }
        assertThat(new FlowLoader().load(dir.resolve("12345.yaml")).nodes()).containsKeys("main-menu", "operator");
    }

    @Test
    void everyFlowInTheDirectoryLoads() {
        FlowLibrary library = new FlowLibrary(FLOWS);
        FlowLibrary.ReloadReport report = library.reload();
        assertThat(report.problems()).isEmpty();
        assertThat(library.names()).contains("12345", "survey");
    }
}
