package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sessions live in Redis: a seat logged in on one node is served by another, and by a restarted node. */
class SharedSessionsTest {

    @RegisterExtension
    static final RedisUnderTest redisUnderTest = new RedisUnderTest();

    @TempDir
    Path dir;

    @Test
    void aSessionFromOneNodeWorksOnAnotherAndAfterARestart() throws Exception {
        {
            Map<String, String> shared = redisUnderTest.environment();
            ConsoleClient seat;
            String cookie;
            try (ConsoleTestServer first = ConsoleTestServer.start(dir.resolve("a"), Duration.ofSeconds(30), shared);
                 ConsoleTestServer second = ConsoleTestServer.start(dir.resolve("b"), Duration.ofSeconds(30), shared)) {
                seat = new ConsoleClient(first.base()).loggedInSeat("1001");
                cookie = seat.cookie();
                ConsoleClient elsewhere = new ConsoleClient(second.base());
                elsewhere.cookie(cookie);
                elsewhere.csrf(seat.csrf());
                assertThat(elsewhere.send("POST", "/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(200);
            }
            try (ConsoleTestServer restarted = ConsoleTestServer.start(dir.resolve("c"), Duration.ofSeconds(30), shared)) {
                ConsoleClient again = new ConsoleClient(restarted.base());
                again.cookie(cookie);
                ConsoleClient.Reply screen = again.get("/console/api/screen");
                assertThat(screen.status()).isEqualTo(200);
                assertThat(screen.body().path("status").path("state").asText()).isEqualTo("ready");
            }
        }
    }
}
