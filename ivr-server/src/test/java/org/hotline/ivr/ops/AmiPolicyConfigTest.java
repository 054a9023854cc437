package org.hotline.ivr.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ami.callback} and {@code ami.survey}: the shipped defaults, environment overrides, and refused values. */
class AmiPolicyConfigTest {

    @Test
    void theShippedDefaultsAreTheOnesTheCodeFallsBackTo() {
        IvrConfig.Ami ami = ConfigLoader.defaultsOnly().ami();
        assertThat(ami.callback()).isEqualTo(IvrConfig.AmiCallback.DEFAULTS);
        assertThat(ami.survey()).isEqualTo(IvrConfig.AmiSurvey.DEFAULTS);
    }

    @Test
    void environmentVariablesOverrideEachPolicyKey() {
        IvrConfig.Ami ami = new ConfigLoader(Map.of("IVR_AMI_CALLBACK_MAX_ATTEMPTS", "5",
                "IVR_AMI_CALLBACK_RETRY_DELAY", "90s", "IVR_AMI_CALLBACK_CITIZEN_DIAL", "SIP/trunk/{number}",
                "IVR_AMI_SURVEY_DELAY", "1d", "IVR_AMI_SURVEY_QUIET_HOURS", "", "IVR_AMI_SURVEY_ZONE", "UTC"))
                .load(null).ami();
        assertThat(ami.callback().maxAttempts()).isEqualTo(5);
        assertThat(ami.callback().retryDelay()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ami.callback().citizenDial()).isEqualTo("SIP/trunk/{number}");
        assertThat(ami.survey().delay()).isEqualTo(Duration.ofDays(1));
        assertThat(ami.survey().quietHours()).isEmpty();
        assertThat(ami.survey().zone()).isEqualTo("UTC");
    }

    @Test
    void badPolicyValuesAreRefusedNamingKeyValueAndWhy() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("IVR_AMI_CALLBACK_MAX_ATTEMPTS", "0",
                "IVR_AMI_CALLBACK_CITIZEN_DIAL", "PJSIP/trunk", "IVR_AMI_CALLBACK_SEAT_RING_TIMEOUT", "0s",
                "IVR_AMI_SURVEY_QUIET_HOURS", "9pm-8am", "IVR_AMI_SURVEY_ZONE", "Mars/Olympus",
                "IVR_AMI_SURVEY_RETRY_DELAY", "soon")).load(null))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                                "ami.callback.maxAttempts = '0': must be between 1 and 20",
                                "ami.callback.citizenDial = 'PJSIP/trunk': must contain {number}, where the citizen's"
                                        + " number goes (e.g. PJSIP/{number}@trunk)",
                                "ami.callback.seatRingTimeout = '0': must be longer than zero",
                                "ami.survey.quietHours = '9pm-8am': must be HH:mm-HH:mm (local time, may wrap midnight)"
                                        + " or empty",
                                "ami.survey.zone = 'Mars/Olympus': must be a time zone such as Asia/Shanghai",
                                "ami.survey.retryDelay = 'soon': must be a duration such as 500ms, 20s, 10m, 2h or 30d"));
    }
}
