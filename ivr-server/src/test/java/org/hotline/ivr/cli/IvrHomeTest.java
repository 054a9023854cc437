package org.hotline.ivr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command run without IVR_HOME finds config/ and call-flows/. */
class IvrHomeTest {

    @TempDir
    Path dir;

    @Test
    void theCheckoutIsTheNearestDirectoryAboveWithConfigAndCallFlows() throws Exception {
        Path root = dir.resolve("checkout");
        Files.createDirectories(root.resolve("config"));
        Files.createDirectories(root.resolve("call-flows"));
        Path deep = Files.createDirectories(root.resolve("ivr-server/target"));
        Files.createDirectories(dir.resolve("elsewhere/config"));

        assertThat(IvrHome.checkoutAbove(deep)).contains(root);
        assertThat(IvrHome.checkoutAbove(root)).contains(root);
        assertThat(IvrHome.checkoutAbove(dir.resolve("elsewhere"))).as("config/ alone is not a checkout").isEmpty();
    }

    @Test
    void aSetIvrHomeIsKept() {
        Map<String, String> env = new HashMap<>(Map.of("IVR_HOME", "/opt/ivr"));
        assertThat(IvrHome.of(env)).isEqualTo(Path.of("/opt/ivr"));
    }
}
