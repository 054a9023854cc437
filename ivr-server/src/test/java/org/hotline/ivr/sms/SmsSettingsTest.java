package org.hotline.ivr.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotline.ivr.ops.ConfigException;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderStatus;
import org.hotline.ivr.order.ReceiptTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sms} configuration and the receipt texts of {@code config/sms.yaml}, without a gateway. */
class SmsSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theGatewayComesFromTheEnvironmentAndThePasswordOnlyFromThereNeverPrinted() {
        IvrConfig.Sms sms = new ConfigLoader(Map.of("IVR_SMS_GATEWAY", "kannel",
                "IVR_SMS_KANNEL_URL", "http://10.0.0.9:13013/cgi-bin/sendsms", "IVR_SMS_KANNEL_USER", "hotline",
                "IVR_SMS_PASSWORD", "s3cret")).load(null).sms();
        assertThat(sms.enabled()).isTrue();
        assertThat(sms.kannelUrl()).isEqualTo("http://10.0.0.9:13013/cgi-bin/sendsms");
        assertThat(sms.kannelUser()).isEqualTo("hotline");
        assertThat(sms.password()).isEqualTo("s3cret");
        assertThat(sms.toString()).doesNotContain("s3cret");
        assertThat(ConfigLoader.defaultsOnly().sms().enabled()).as("off by default").isFalse();
    }

    @Test
    void kannelWithoutAPasswordInTheEnvironmentOrWithAnUnknownGatewayIsRefusedAtStart() throws IOException {
        Path file = dir.resolve("ivr.yaml");
        Files.writeString(file, "sms:\n  gateway: kannel\n  sendAt: later\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sms.kannel.passwordEnv").hasMessageContaining("IVR_SMS_PASSWORD")
                .hasMessageContaining("sms.sendAt");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("IVR_SMS_GATEWAY", "smpp")).load(null))
                .hasMessageContaining("sms.gateway").hasMessageContaining("none or kannel");
    }

    @Test
    void onlyMobileNumbersGetAReceiptWithTheCountryPrefixTakenOff() {
        ReceiptTexts texts = ReceiptTexts.load(Path.of("..", "config", "sms.yaml"));
        assertThat(texts.mobileNumber("+8613800138000")).contains("13800138000");
        assertThat(texts.mobileNumber("008613800138000")).contains("13800138000");
        assertThat(texts.mobileNumber("13800138000")).contains("13800138000");
        assertThat(texts.mobileNumber("01065123456")).as("Beijing landline").isEmpty();
        assertThat(texts.mobileNumber("anonymous")).isEmpty();
        assertThat(texts.mobileNumber("")).isEmpty();
    }

    @Test
    void aLanguageWithoutATextGetsTheDefaultLanguagesAndTheDeadlineIsShownInLocalTime() {
        ReceiptTexts texts = ReceiptTexts.load(Path.of("..", "config", "sms.yaml"));
        assertThat(texts.receiptFor(order("yue")).orElseThrow().text())
                .contains("工单号12345-20261202-000007").contains("2026-12-03 10:00前");
        assertThat(texts.receiptFor(order("de")).orElseThrow().text()).contains("Vorgangsnummer 12345-20261202-000007");
        assertThat(texts.receiptFor(order("de")).orElseThrow().key()).isEqualTo("receipt:12345-20261202-000007");
    }

    @Test
    void aReceiptTextWithoutTheOrderNumberIsRefusedWithFileAndLine() throws IOException {
        Path file = dir.resolve("sms.yaml");
        Files.writeString(file, "mobile: \"1[3-9][0-9]{9}\"\ndefault-language: zh\nreceipt:\n  zh: \"已受理\"\n");
        assertThatThrownBy(() -> ReceiptTexts.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sms.yaml:4").hasMessageContaining("receipt.zh").hasMessageContaining("{order}");
    }

    private static DraftOrder order(String language) {
        return new DraftOrder("12345-20261202-000007", "c1", "13800138000", language, List.of(), "路灯 坏了", "",
                "city-management", "", "朝阳区", "", "", "normal", "", "", "", "2026-12-03T10:00+08:00", List.of(), false,
                OrderStatus.DRAFT, List.of(), "2026-12-02T09:06:00Z", "2026-12-02T09:06:00Z", null, List.of());
    }
}
