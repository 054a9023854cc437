package org.hotline.ivr.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dialplan a test Asterisk runs: the production snippet operators paste
 * ({@code config/asterisk/extensions.conf}, its {@code IVR_HOST:4573} pointed at the server under test),
 * followed by the test-only contexts ({@code config/asterisk/extensions-test.conf}).
 */
final class TestDialplan {

    static final String PLACEHOLDER = "IVR_HOST:4573";
    /** The second node of [globals]: the same server here; a test moves IVR_NODE_1/2 at run time. */
    static final String SECOND_NODE = "IVR_HOST_2:4573";

    private TestDialplan() {
    }

    static Path write(Path repositoryRoot, String agiHost, int agiPort, Path target) throws IOException {
        String production = Files.readString(repositoryRoot.resolve("config/asterisk/extensions.conf"));
        if (!production.contains(PLACEHOLDER)) {
            throw new IllegalStateException("config/asterisk/extensions.conf no longer contains " + PLACEHOLDER
                    + ": the tests cannot point it at the server under test");
        }
        String testOnly = Files.readString(repositoryRoot.resolve("config/asterisk/extensions-test.conf"));
        String dialplan = (production + "\n" + testOnly).replace(PLACEHOLDER, agiHost + ":" + agiPort)
                .replace(SECOND_NODE, agiHost + ":" + agiPort);
        Files.writeString(target, dialplan, StandardCharsets.UTF_8);
        return target;
    }
}
