package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hotline.ivr.ops.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderRulesLoadingTest {

    @TempDir
    Path dir;

    @BeforeEach
    void copy() throws IOException {
        OrderCommandTest.copyConfig(dir);
    }

    @Test
    void theShippedRulesLoadAndCoverAllSixteenDistricts() {
        OrderRules rules = OrderRules.load(dir);
        assertThat(rules.gazetteer().districts()).hasSize(16).contains("朝阳区", "延庆区");
        assertThat(rules.gazetteer().streets("朝阳区")).contains("双井街道", "望京街道", "建外街道").hasSizeGreaterThan(40);
        assertThat(rules.taxonomy().categories()).hasSize(11);
    }

    @Test
    void brokenYamlNamesTheFileAndLine() throws IOException {
        Files.writeString(dir.resolve("categories.yaml"), "categories:\n  - id: x\n    name: [unclosed\n");
        assertThatThrownBy(() -> OrderRules.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("categories.yaml") + ":").hasMessageContaining("not valid YAML");
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineAndKey() throws IOException {
        write("categories.yaml", """
                categories:
                  - id: heating
                    name: 供热
                    phrases: {zh: [暖气]}
                  - id: heating
                    name: 又一个
                    phrases: {zh: [暖]}
                  - id: empty
                    name: 空
                """);
        write("dispatch.yaml", """
                rules:
                  - {category: parking, unit: "x"}
                  - {category: heating, needs: somewhere, unit: "{city}供热办"}
                """);
        assertThatThrownBy(() -> OrderRules.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("categories.yaml:5 categories.1.id = 'heating': id 'heating' is used twice")
                .hasMessageContaining("categories.yaml:8 categories.2")
                .hasMessageContaining("has no phrases")
                .hasMessageContaining("dispatch.yaml:2 rules.0.category = 'parking': no such category")
                .hasMessageContaining("dispatch.yaml:3 rules.1.needs = 'somewhere': must be street, district or none")
                .hasMessageContaining("unknown placeholder {city}")
                .hasMessageContaining("dispatch.yaml:1 (top level)").hasMessageContaining("needs a last rule for category '*'");
    }

    @Test
    void aGazetteerStreetMustSayWhatKindOfOfficeItHas() throws IOException {
        write("gazetteer/beijing.yaml", """
                districts:
                  - name: 朝阳区
                    en: Chaoyang
                    streets:
                      - {name: 双井, en: Shuangjing}
                    landmarks:
                      - {name: 国贸, street: 建外街道}
                """);
        assertThatThrownBy(() -> OrderRules.load(dir))
                .hasMessageContaining("beijing.yaml:5 districts.0.streets.0.name = '双井': must end in 街道")
                .hasMessageContaining("beijing.yaml:7 districts.0.landmarks.0.street = '建外街道': no street or town");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Files.delete(dir.resolve("urgency.yaml"));
        assertThatThrownBy(() -> OrderRules.load(dir)).hasMessageContaining("urgency.yaml").hasMessageContaining("cannot be read");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
