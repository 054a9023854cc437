package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.http.HttpServer;
import org.hotline.ivr.http.OriginPolicy;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RedisProcess;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password hashing is slow on purpose, so its pool is bounded: a login that finds every hashing thread busy and no
 * room to wait is answered 503 with Retry-After at once, over real TCP, instead of queueing without end (a burst of
 * logins must not take the calls' CPU and memory); the login already hashing still succeeds. One hashing thread and
 * no queue here, so that two logins fill it; the console's own pool has two threads and 32 places.
 */
class LoginPoolTest {

    /**
     * "demo9001" at 300,000 iterations (made once with PasswordHash.create, so the test does not pay for it): about
     * 0.15 s of hashing on a quiet machine, the window in which the second login arrives (a few ms after).
     */
    private static final String SLOW_HASH = "pbkdf2-sha256$300000$M5prC/g+fAzKPPhY0htjIw==$cx/4cyTFRjFg7kBH4MpMFcMFZYENAyd9IwpHp71T39g=";

    @TempDir
    Path dir;
    private RedisProcess redis;
    private RedisGateway gateway;
    private ThreadPoolExecutor hashing;
    private NettyTransport transport;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(RedisProcess.installed(), "needs Debian's redis-server (.ci/run installs it)");
        redis = RedisProcess.server(dir);
        gateway = new RedisGateway("redis://127.0.0.1:" + redis.port(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        hashing = LoginRoutes.hashingPool(1, 0);
        Router router = new Router();
        ConsoleSecurity security = new ConsoleSecurity(new SessionStore(gateway, Duration.ofHours(1)),
                new LoginThrottle(gateway, LoginThrottle.Limits.DEFAULT), new OriginPolicy(List.of()), false);
        AccountFile accounts = AccountFile.of(List.of(new Account("9001", "Zhao Lei", Set.of(Role.SUPERVISOR),
                SLOW_HASH)));
        new LoginRoutes(Role.SUPERVISOR, ConsoleSessions.SUPERVISOR_COOKIE, accounts, security, LoginRoutes.Hooks.NONE,
                hashing).register(router, "/wallboard/api");
        transport = new NettyTransport("login-test", 1);
        server = HttpServer.start(new IvrConfig.Http("127.0.0.1", 0, Duration.ofSeconds(30), 100, 100, 8192, 4096,
                65536, 1, 4, 8, "", ""), transport, router);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            transport.close();
        }
        if (hashing != null) {
            hashing.shutdownNow();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aLoginThatFindsTheHashingPoolFullIs503AtOnceAndTheOneHashingSucceeds() throws Exception {
        try (Socket first = new Socket("127.0.0.1", server.port())) {
            first.setSoTimeout(60_000);
            first.getOutputStream().write(login("demo9001").getBytes(StandardCharsets.UTF_8));
            first.getOutputStream().flush();
            Eventually.until("the first login is being hashed", Duration.ofSeconds(10), () -> hashing.getActiveCount() == 1);

            String refused = exchange(login("guess"));
            assertThat(refused).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 1")
                    .contains("too many logins at once");
            assertThat(hashing.getActiveCount()).as("the first login was still hashing when the second was refused")
                    .isEqualTo(1);

            String answered = head(first);
            assertThat(answered).startsWith("HTTP/1.1 200").containsIgnoringCase("Set-Cookie: ivr_supervisor=");
        }
    }

    private static String login(String password) {
        String body = "{\"id\":\"9001\",\"password\":\"" + password + "\"}";
        return "POST /wallboard/api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return head(socket) + new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The status line and headers of the next response on {@code socket}. */
    private static String head(Socket socket) throws IOException {
        StringBuilder head = new StringBuilder();
        var in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
