package org.hotline.ivr.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AgiScriptsTest {

    private static final AgiScript FIRST = call -> CompletableFuture.completedFuture("first");
    private static final AgiScript SECOND = call -> CompletableFuture.completedFuture("second");

    @Test
    void aNameClaimedByTwoOriginsFailsNamingBoth() {
        AgiScripts scripts = new AgiScripts().register("survey", "flow call-flows/survey.yaml", FIRST);

        assertThatThrownBy(() -> scripts.register("survey", "followup", SECOND))
                .isInstanceOf(AgiScripts.DuplicateScriptException.class)
                .hasMessage("AGI script 'survey' registered twice: by flow call-flows/survey.yaml and by followup");
        assertThat(scripts.find("survey")).containsSame(FIRST);
    }

    @Test
    void theSameOriginRegisteringAgainReplacesItsOwnScriptAsAFlowReloadDoes() {
        AgiScripts scripts = new AgiScripts().register("12345", "flow call-flows/12345.yaml", FIRST)
                .register("12345", "flow call-flows/12345.yaml", SECOND);

        assertThat(scripts.find("12345")).containsSame(SECOND);
        assertThat(scripts.origin("12345")).hasValue("flow call-flows/12345.yaml");
    }

    @Test
    void withoutAnOriginTheRegisteringClassIsNamed() {
        AgiScripts scripts = new AgiScripts().register("probe", FIRST);

        assertThatThrownBy(() -> scripts.register("probe", "demo", SECOND))
                .hasMessageContaining("by " + AgiScriptsTest.class.getName() + " and by demo");
    }

    @Test
    void replaceIsTheDeliberateWayToStandInForAScript() {
        AgiScripts scripts = new AgiScripts().register("12345", "flow call-flows/12345.yaml", FIRST)
                .replace("12345", "a probe", SECOND);

        assertThat(scripts.find("12345")).containsSame(SECOND);
        assertThat(scripts.origin("12345")).hasValue("a probe");
    }
}
