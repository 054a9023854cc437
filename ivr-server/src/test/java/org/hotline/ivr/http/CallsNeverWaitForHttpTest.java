package org.hotline.ivr.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.command.NoopCommand;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.audio.AudioSocketClient;
import org.hotline.ivr.audio.AudioStreamControl;
import org.hotline.ivr.audio.AudioStreamListener;
import org.hotline.ivr.audio.StreamEnd;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.redis.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole node beside a real redis-server that hangs (SIGSTOP: the machine froze, TCP still accepts), with 50
 * report, queue, audit and reload requests in flight: a FastAGI call's commands and an AudioSocket stream's frames
 * keep their latency, and {@code /healthz} answers at once, because HTTP has its own event loops and every route
 * that reads Redis or disk waits on the bounded route pool. The call probe is a plain AGI script and the stream
 * probe a plain listener, so what is timed is the ports' event loops, not a flow's own Redis writes.
 */
class CallsNeverWaitForHttpTest {

    private static final Logger log = LoggerFactory.getLogger(CallsNeverWaitForHttpTest.class);
    private static final int COMMANDS = 25;
    private static final int FRAMES = 50;
    /**
     * Generous for a 2-core machine shared by many builds (loads above 20 there gave up to 0.2 s); an event loop
     * waiting on the hung Redis would stall for the 2 s socket timeout, again and again through 4 s of retries.
     */
    private static final Duration CALL_BOUND = Duration.ofSeconds(1);
    private static final ApiTokens.Issued TOKEN = ApiTokens.issue("ops-robot", Set.of(Role.SUPERVISOR, Role.ADMIN));

    @TempDir
    static Path dir;
    static RedisProcess redis;
    static IvrServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(RedisProcess.installed(), "needs Debian's redis-server (.ci/run installs it)");
        redis = RedisProcess.server(dir);
        Path tokens = dir.resolve("api-tokens.yaml");
        Files.writeString(tokens, "tokens:\n  - id: " + TOKEN.entry().id() + "\n    roles: [supervisor, admin]\n    hash: "
                + TOKEN.entry().hash() + "\n");
        Files.createDirectories(dir.resolve("no-models"));
        Map<String, String> env = new HashMap<>(Map.of("IVR_HOME", "..",
                "IVR_AGI_PORT", "0", "IVR_AUDIO_PORT", "0", "IVR_HTTP_PORT", "0", "IVR_HTTP_BIND", "127.0.0.1",
                "IVR_REDIS_URL", "redis://127.0.0.1:" + redis.port(), "IVR_REDIS_RETRY_FOR", "4s",
                "IVR_AUDIO_RECORDINGS", dir.resolve("recordings").toString(),
                "IVR_SPEECH_MODELS", dir.resolve("no-models").toString(), "IVR_PATHS_API_TOKENS", tokens.toString()));
        server = IvrServer.start(new ConfigLoader(env).load(null));
        server.scripts().register("latency-probe", call -> {
            CompletionStage<?> chain = CompletableFuture.completedFuture(null);
            for (int i = 0; i < COMMANDS; i++) {
                chain = chain.thenCompose(x -> call.channel().send(new NoopCommand()));
            }
            return chain.thenApply(x -> null);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.resume();
        }
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aHungRedisAndFiftyWebRequestsInFlightDelayNoCall() throws Exception {
        agiTurnaround("warm-up.1");
        Duration usualCall = agiTurnaround("calm.1");
        Duration usualAudio = audioDelay();
        List<Long> usualHealth = healthTimes();
        log.info("with Redis answering: FastAGI turnaround max {} ms, AudioSocket frame delay max {} ms, /healthz {} ms",
                usualCall.toMillis(), usualAudio.toMillis(), usualHealth);

        redis.pause();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inFlight.add(client.sendAsync(webRequest(i), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(300);
        assertThat(inFlight.stream().filter(f -> !f.isDone()).count())
                .as("requests held up by the hung Redis (else this test proves nothing)").isGreaterThan(10);

        CompletableFuture<Duration> call = CompletableFuture.supplyAsync(() -> unchecked(() -> agiTurnaround("busy.1")));
        CompletableFuture<Duration> audio = CompletableFuture.supplyAsync(() -> unchecked(this::audioDelay));
        List<Long> health = healthTimes();
        Duration callDuring = call.get(60, TimeUnit.SECONDS);
        Duration audioDuring = audio.get(60, TimeUnit.SECONDS);
        long stillWaiting = inFlight.stream().filter(f -> !f.isDone()).count();
        log.info("with Redis hung and {} web requests still waiting: FastAGI max {} ms, AudioSocket max {} ms,"
                + " /healthz {} ms", stillWaiting, callDuring.toMillis(), audioDuring.toMillis(), health);

        assertThat(callDuring).as("FastAGI command turnaround while Redis hangs").isLessThan(CALL_BOUND);
        assertThat(audioDuring).as("AudioSocket frame delay while Redis hangs").isLessThan(CALL_BOUND);
        // On a quiet machine every answer takes a few ms; on a loaded one single answers wait for a core, so the
        // fastest shows that nothing holds /healthz up, and the median that it is not merely luck.
        assertThat(health.get(0)).as("fastest /healthz answer, ms: " + health).isLessThan(100);
        assertThat(health.get(health.size() / 2)).as("median /healthz answer, ms: " + health).isLessThan(1000);
        assertThat(stillWaiting).as("the web requests were still in flight while the call was timed").isPositive();

        redis.resume();
        for (CompletableFuture<HttpResponse<String>> request : inFlight) {
            HttpResponse<String> response = request.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isIn(200, 503);
        }
    }

    private HttpRequest webRequest(int i) {
        String base = "http://127.0.0.1:" + server.httpPort();
        HttpRequest.Builder request = switch (i % 4) {
            case 0 -> HttpRequest.newBuilder(URI.create(base + "/api/reports/rates?from=2026-01-01&to=2026-12-31"));
            case 1 -> HttpRequest.newBuilder(URI.create(base + "/admin/audit?limit=50"));
            case 2 -> HttpRequest.newBuilder(URI.create(base + "/api/queues"));
            default -> HttpRequest.newBuilder(URI.create(base + "/admin/flows/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody());
        };
        return request.header("Authorization", "Bearer " + TOKEN.token()).timeout(Duration.ofSeconds(90)).build();
    }

    /** The longest time between the probe's reply to one NOOP and the server's next command. */
    private Duration agiTurnaround(String uniqueId) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.agiPort())) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("agi_network: yes\nagi_network_script: latency-probe\nagi_request: agi://127.0.0.1/latency-probe\n"
                    + "agi_channel: PJSIP/trunk-00000001\nagi_uniqueid: " + uniqueId + "\nagi_callerid: 13800138000\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            long worst = 0;
            long replied = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                String command = in.readLine();
                worst = Math.max(worst, System.nanoTime() - replied);
                assertThat(command).isEqualTo("NOOP");
                out.write("200 result=0\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                replied = System.nanoTime();
            }
            return Duration.ofNanos(worst);
        }
    }

    /** The longest time from a 20 ms frame leaving the client to the stream's listener on the node getting it. */
    private Duration audioDelay() throws Exception {
        UUID uuid = UUID.randomUUID();
        ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> opened = new CompletableFuture<>();
        CompletableFuture<StreamEnd> ended = new CompletableFuture<>();
        server.speech().audioStreams().expect(uuid, new AudioStreamListener() {
            @Override
            public void opened(AudioStreamControl control) {
                opened.complete(null);
            }

            @Override
            public void audio(int sampleRate, byte[] pcm) {
                received.add(System.nanoTime());
            }

            @Override
            public void dtmf(char digit) {
            }

            @Override
            public void ended(StreamEnd end) {
                ended.complete(end);
            }
        });
        List<Long> sent = new ArrayList<>();
        try (AudioSocketClient stream = new AudioSocketClient(server.speech().audioPort())) {
            stream.uuid(uuid);
            opened.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < FRAMES; i++) {
                sent.add(System.nanoTime());
                stream.audio(new short[160]);
                Thread.sleep(20);
            }
            stream.hangup();
            ended.get(30, TimeUnit.SECONDS);
        }
        List<Long> arrivals = new ArrayList<>(received);
        assertThat(arrivals).hasSize(FRAMES);
        long worst = 0;
        for (int i = 0; i < FRAMES; i++) {
            worst = Math.max(worst, arrivals.get(i) - sent.get(i));
        }
        return Duration.ofNanos(worst);
    }

    /** Five {@code /healthz} answers on one kept-alive connection, in ms, sorted. */
    private List<Long> healthTimes() throws IOException {
        List<Long> times = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(10_000);
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));
                String head = RawHttp.head(socket.getInputStream());
                int length = Integer.parseInt(head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                        .findFirst().orElseThrow().substring(15).strip());
                socket.getInputStream().readNBytes(length);
                times.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertThat(head).startsWith("HTTP/1.1 ");
            }
        }
        Collections.sort(times);
        return times;
    }

    private interface Timed {
        Duration run() throws Exception;
    }

    private static Duration unchecked(Timed timed) {
        try {
            return timed.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
