package org.hotline.ivr.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.audio.LogCapture;
import org.hotline.ivr.ops.ConnectionLimit;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP listener's bounds, over real TCP: idle connections are closed, no peer (and not all of them together)
 * holds more connections than its cap, oversized or undecodable requests get 414/431/400 with one log line, and a
 * full route pool answers 503 at once.
 */
class HttpLimitsTest {

    private static final Duration IDLE = Duration.ofMillis(400);
    private final CountDownLatch release = new CountDownLatch(1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private NettyTransport transport;
    private HttpServer server;

    @BeforeEach
    void start() throws InterruptedException {
        transport = new NettyTransport("http-test", 1);
        Router router = new Router()
                .authenticateWith(new MetricsToken("t"));
        router.nonBlocking(io.netty.handler.codec.http.HttpMethod.GET, "/healthz", Role.PUBLIC,
                request -> HttpResponses.json(HttpResponseStatus.OK, Map.of("status", "ready")));
        router.get("/slow", Role.PUBLIC, request -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HttpResponses.ok(Map.of("slow", true));
        });
        // 6 connections in all, 3 per peer, 8 KB of headers, 1 KB of request line, one route thread and no queue.
        IvrConfig.Http config = new IvrConfig.Http("127.0.0.1", 0, IDLE, 6, 3, 8192, 1024, 65536, 1, 1, 0, "", "");
        server = HttpServer.start(config, transport, router, new HttpMetrics(registry));
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
        transport.close();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket idle = connect("127.0.0.1")) {
            long started = System.nanoTime();
            assertThat(closedByServerWithin(idle, Duration.ofSeconds(10))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(IDLE.minusMillis(50));
        }
        Eventually.until("the idle connection is no longer counted", Duration.ofSeconds(5), () -> server.openConnections() == 0);
    }

    @Test
    void onePeerHoldsAtMostItsCapAndOthersAreStillServed() throws IOException {
        List<Socket> held = new ArrayList<>();
        try (LogCapture log = new LogCapture(ConnectionLimit.class)) {
            for (int i = 0; i < 3; i++) {
                held.add(connect("127.0.0.2"));
            }
            Eventually.until("three connections open", Duration.ofSeconds(5), () -> server.openConnections() == 3);
            try (Socket fourth = connect("127.0.0.2")) {
                assertThat(closedByServerWithin(fourth, Duration.ofSeconds(5))).isTrue();
            }
            assertThat(log.warnings()).anySatisfy(line -> assertThat(line)
                    .contains("HTTP connection from 127.0.0.2 refused").contains("3 connections already"));
            assertThat(statusFrom("127.0.0.3", RawHttp.get("/healthz", ""))).isEqualTo(200);
            assertThat(refused("too_many_connections")).isEqualTo(1);
        } finally {
            closeAll(held);
        }
        // The server counts a peer's connection until its close reaches the event loop, which a
        // loaded machine can delay past the client's next connect.
        Eventually.until("the peer's closed connections are no longer counted", Duration.ofSeconds(5),
                () -> server.openConnections() == 0);
        assertThat(statusFrom("127.0.0.2", RawHttp.get("/healthz", ""))).as("its connections closed, the peer is served again")
                .isEqualTo(200);
    }

    @Test
    void allPeersTogetherHoldAtMostTheServersCap() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            for (String peer : List.of("127.0.0.4", "127.0.0.5", "127.0.0.6")) {
                held.add(connect(peer));
                held.add(connect(peer));
            }
            Eventually.until("six connections open", Duration.ofSeconds(5), () -> server.openConnections() == 6);
            try (Socket seventh = connect("127.0.0.7")) {
                assertThat(closedByServerWithin(seventh, Duration.ofSeconds(5))).isTrue();
            }
            assertThat(server.openConnections()).isEqualTo(6);
        } finally {
            closeAll(held);
        }
        Eventually.until("the closed connections are no longer counted", Duration.ofSeconds(5),
                () -> server.openConnections() == 0);
        assertThat(statusFrom("127.0.0.7", RawHttp.get("/healthz", ""))).isEqualTo(200);
    }

    @Test
    void oversizedHeadersAre431AnOversizedRequestLine414AndAnOversizedBody413EachCountedAndLogged() throws IOException {
        try (LogCapture log = new LogCapture(HttpRequestHandler.class)) {
            assertThat(RawHttp.status(server.port(), RawHttp.get("/healthz", "X-Big: " + "a".repeat(100_000) + "\r\n")))
                    .isEqualTo(431);
            assertThat(RawHttp.status(server.port(), RawHttp.get("/healthz?q=" + "b".repeat(20_000), ""))).isEqualTo(414);
            assertThat(RawHttp.status(server.port(), "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n"
                    + "c".repeat(70_000))).isEqualTo(413);
            assertThat(RawHttp.status(server.port(), RawHttp.get("/healthz", ""))).isEqualTo(200);
            Eventually.until("three refusals logged", Duration.ofSeconds(5), () -> log.warnings().size() >= 3);
            assertThat(log.warnings()).hasSize(3).allSatisfy(line -> assertThat(line).contains("127.0.0.1"));
        }
        assertThat(List.of(refused("headers_too_large"), refused("uri_too_long"), refused("body_too_large")))
                .containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void anUndecodableRequestIs400WithOneLogLine() throws IOException {
        try (LogCapture log = new LogCapture(HttpRequestHandler.class)) {
            assertThat(RawHttp.status(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"))
                    .isEqualTo(400);
            Eventually.until("the refusal is logged", Duration.ofSeconds(5), () -> !log.warnings().isEmpty());
            assertThat(log.warnings()).hasSize(1);
            assertThat(log.warnings().get(0)).contains("127.0.0.1").contains("400");
        }
        assertThat(refused("undecodable")).isEqualTo(1);
    }

    @Test
    void aFullRoutePoolAnswers503AtOnceAndTheEventLoopStillAnswers() throws Exception {
        try (Socket busy = connect("127.0.0.1")) {
            busy.getOutputStream().write(RawHttp.get("/slow", "").getBytes(StandardCharsets.UTF_8));
            busy.getOutputStream().flush();
            // The one route thread is now taken: the next blocking request has nowhere to wait.
            Eventually.until("the slow request holds the route thread", Duration.ofSeconds(10),
                    () -> quietStatus(RawHttp.get("/slow", "")) == 503);
            String refusal = RawHttp.exchange(server.port(), RawHttp.get("/slow", ""));
            assertThat(refusal).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 1");
            assertThat(RawHttp.status(server.port(), RawHttp.get("/healthz", ""))).isEqualTo(200);
            assertThat(refused("busy")).isGreaterThanOrEqualTo(2);
            release.countDown();
            assertThat(RawHttp.head(busy.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    private double refused(String reason) {
        var counter = registry.find(HttpMetrics.REFUSED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        return socket;
    }

    private int statusFrom(String from, String request) throws IOException {
        try (Socket socket = connect(from)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String head = RawHttp.head(socket.getInputStream());
            return head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
        }
    }

    private int quietStatus(String request) {
        try {
            return RawHttp.status(server.port(), request);
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean closedByServerWithin(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
