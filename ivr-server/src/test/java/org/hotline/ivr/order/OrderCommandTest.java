package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OrderCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new OrderCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void draftPrintsCategoryPlaceUrgencyUnitAndTheDecidingPhrases() {
        int code = run("draft", "--rules", "../config", "--lang", "zh", "--text", "朝阳区双井街道有一家饭馆油烟直排");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("category:  noise-environment/air-fumes", "zh:油烟直排")
                .contains("location:  朝阳区 双井街道", "zh:双井街道")
                .contains("urgency:   normal")
                .contains("unit:      朝阳区城市管理综合行政执法局");
    }

    @Test
    void anEmergencyTellsWhatToDial() {
        run("draft", "--rules", "../config", "--lang", "en", "--text", "The kitchen next door is on fire");
        assertThat(out.toString()).contains("urgency:   emergency  DIAL 119 NOW");
    }

    @Test
    void aFileGivesOneJsonDraftPerLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("texts.txt");
        Files.writeString(file, "Shuangjing, Chaoyang: garbage everywhere\n\n我想问一下\n", StandardCharsets.UTF_8);

        assertThat(run("draft", "--rules", "../config", "--lang", "en", "--file", file.toString(), "--json")).isZero();

        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]).get("draft");
        assertThat(first.at("/classification/category").asText()).isEqualTo("city-management");
        assertThat(first.at("/location/street").asText()).isEqualTo("双井街道");
        assertThat(first.at("/urgency/level").asText()).isEqualTo("normal");
        assertThat(new ObjectMapper().readTree(lines[1]).at("/draft/classification/category").asText())
                .isEqualTo("unclassified");
    }

    @Test
    void aBrokenRuleFileIsReportedWithFileLineAndKey(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        Files.writeString(dir.resolve("urgency.yaml"), """
                rules:
                  - id: fire
                    level: emergency
                    when:
                      - zh: [着火]
                """, StandardCharsets.UTF_8);

        int code = run("draft", "--rules", dir.toString(), "--text", "x");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains(dir.resolve("urgency.yaml") + ":2 rules.0", "needs 'dial'");
    }

    @Test
    void draftShowsTheDispatchDeadlineForTheTimeReceived() {
        assertThat(run("draft", "--rules", "../config", "--received", "2026-12-02T17:05",
                "--text", "朝阳区双井街道有一家饭馆油烟直排")).isZero();
        assertThat(out.toString()).contains("dispatch:  by 2026-12-03T10:00+08:00");
        assertThat(run("draft", "--rules", "../config", "--received", "2026-12-02T16:59", "--json",
                "--text", "朝阳区双井街道有一家饭馆油烟直排")).isZero();
        assertThat(out.toString()).contains("\"dispatchBy\":\"2026-12-02T23:59+08:00\"");
    }

    @Test
    void draftRefusesAReceivedTimeItCannotRead() {
        assertThat(run("draft", "--rules", "../config", "--received", "5pm", "--text", "垃圾")).isNotZero();
        assertThat(err.toString()).contains("--received: '5pm' is not a time like 2026-12-02T17:05");
    }

    @Test
    void accuracyPrintsATableByLanguage() {
        assertThat(run("accuracy", "--rules", "../config", "--labels", "src/test/resources/orders/labelled.tsv")).isZero();
        assertThat(out.toString()).contains("lang", "zh", "en", "all");
    }

    static void copyConfig(Path dir) throws IOException {
        Path config = Path.of("..", "config");
        Files.createDirectories(dir.resolve("gazetteer"));
        for (String name : new String[] {"categories.yaml", "dispatch.yaml", "urgency.yaml", "gazetteer/beijing.yaml"}) {
            Files.copy(config.resolve(name), dir.resolve(name));
        }
        // dispatch.yaml names the flows' holiday calendar relative to itself: point the copy at the original.
        Path calendar = Path.of("..", "call-flows", "calendars", "holidays.yaml").toAbsolutePath().normalize();
        Files.writeString(dir.resolve("dispatch.yaml"), Files.readString(dir.resolve("dispatch.yaml"))
                .replace("../call-flows/calendars/holidays.yaml", calendar.toString()));
    }
}
