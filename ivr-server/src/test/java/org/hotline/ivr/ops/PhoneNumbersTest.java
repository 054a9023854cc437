package org.hotline.ivr.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void masksTheMiddleOfMobileAndLandlineNumbers() {
        assertThat(PhoneNumbers.mask("13800138000")).isEqualTo("138****8000");
        assertThat(PhoneNumbers.mask("01065123456")).isEqualTo("010****3456");
        assertThat(PhoneNumbers.mask("12345")).isEqualTo("***45");
        assertThat(PhoneNumbers.mask("110")).isEqualTo("***");
        assertThat(PhoneNumbers.mask("")).isEqualTo("(no caller id)");
    }
}
