package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated failed logins are held back, per account and per address, across the HTTP API. */
class LoginThrottleTest {

    @TempDir
    Path dir;
    ConsoleTestServer node;

    @BeforeEach
    void start() throws Exception {
        node = ConsoleTestServer.start(dir, Duration.ofMinutes(5), Map.of());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneWaits() {
        ConsoleClient client = new ConsoleClient(node.base());
        for (int i = 0; i < 5; i++) {
            assertThat(client.login("console", "1001", "guess" + i).status()).isEqualTo(401);
        }
        ConsoleClient.Reply held = client.login("console", "1001", "demo1001");
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(new ConsoleClient(node.base()).login("console", "1002", "demo1002").status()).isEqualTo(200);
    }

    @Test
    void oneAddressTryingManyAccountsIsHeldBackToo() {
        ConsoleClient client = new ConsoleClient(node.base());
        for (int i = 0; i < 20; i++) {
            assertThat(client.login("console", "x" + i, "guess").status()).isEqualTo(401);
        }
        assertThat(client.login("console", "1003", "demo1003").status()).isEqualTo(429);
    }

    @Test
    void supervisorLoginsAreCountedApartFromSeats() {
        ConsoleClient client = new ConsoleClient(node.base());
        for (int i = 0; i < 5; i++) {
            client.login("wallboard", "9001", "guess" + i);
        }
        assertThat(client.login("wallboard", "9001", "demo9001").status()).isEqualTo(429);
        assertThat(client.login("console", "1001", "demo1001").status()).isEqualTo(200);
    }
}
