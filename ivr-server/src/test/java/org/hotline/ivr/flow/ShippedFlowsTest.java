package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void theExampleInTheFlowsGuideLintsClean(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String guide = java.nio.file.Files.readString(Path.of("..", "docs", "flows.md"));
        String docs = guide.substring(guide.indexOf("\n## Example"));
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

    /** The hold loop plays queue/* prompts in the caller's language: every shipped language must have each one. */
    @Test
    void everyLanguageHasEveryPromptTheQueuePlays() {
        PromptCatalog catalog = PromptCatalog.load(FLOWS.resolve("prompts"), new ArrayList<>());
        List<String> queuePrompts = catalog.all().get("en").keySet().stream()
                .filter(id -> id.startsWith("queue/")).toList();
        assertThat(queuePrompts).contains("queue/position", "queue/press-1-callback", "queue/callback-confirmed");
        for (String language : PromptCatalog.LANGUAGES) {
            assertThat(queuePrompts).as("queue prompts in %s", language)
                    .allSatisfy(id -> assertThat(catalog.text(language, id)).as(language + " " + id).isNotEmpty());
        }
    }
}
