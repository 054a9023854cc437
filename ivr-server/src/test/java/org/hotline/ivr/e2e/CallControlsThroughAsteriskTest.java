package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.ami.ChannelControl;
import org.hotline.ivr.flow.HeldCalls;
import org.hotline.ivr.flow.HoldLoop;
import org.hotline.ivr.flow.HoldSettings;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.testcall.AmiTestLine;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's call controls and the supervisors' listen-in through a whole {@link IvrServer} with AMI on (our
 * least-privilege {@code ivr} user of config/asterisk/manager.conf), the real Asterisk 22 and the project's dialplan:
 * each action is a POST to the console's HTTP API as seat 1001 (or supervisor 9001), and what Asterisk then does
 * with the channels is checked through AMI ({@code Status}, events) as user {@code test}. The caller is a Local
 * channel in {@code test-ivr} whose AGI script puts it straight into the real hold loop of queue zh-general (the menus
 * before it are other tests' business); seats are {@code Local/100x@test-seat} (they answer and echo), transfer
 * numbers {@code Local/<number>@test-outside}, the supervisor's phone {@code Local/9001@test-supervisor}, which
 * records what it hears.
 */
class CallControlsThroughAsteriskTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path workDir;
    private static String secret;
    private static IvrServer server;
    private static AsteriskRun asterisk;
    private static AmiTestLine line;
    private static ManagerConnection watcher;
    private static ChannelControl channels;
    private static final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
    private static Path listened;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> home = SharedAsterisk.locate();
        Assumptions.assumeTrue(home.isPresent(), "no Asterisk build at ../shared/asterisk (nor $" + SharedAsterisk.ENV
                + "): call controls through a real Asterisk are skipped");
        workDir = Files.createTempDirectory("ivr-controls-e2e-");
        int amiPort = AsteriskRig.freePort();
        int agiPort = AsteriskRig.freePort();
        secret = "c-" + UUID.randomUUID();
        IvrConfig config = new ConfigLoader(Map.of("IVR_HOME", SharedAsterisk.repositoryRoot().toString(),
                "IVR_AMI_ENABLED", "true", "IVR_AMI_SERVERS_0_PORT", Integer.toString(amiPort), "IVR_AMI_SECRET", secret,
                // The test dialplan's stand-ins for PJSIP/{number}@trunk and the supervisor's PJSIP/9001.
                "IVR_AMI_CONTROLS_DIAL", "Local/{number}@test-outside",
                "IVR_AMI_CONTROLS_SUPERVISOR_DIAL", "Local/{supervisor}@test-supervisor",
                // No knowledge articles to index: the controls do not use them, and indexing is most of a start-up.
                "IVR_PATHS_KNOWLEDGE", Files.createDirectories(workDir.resolve("knowledge")).toString())).load(null).withPorts(agiPort, 0, 0);
        // Asterisk first, with our manager user, so the server's AMI link is up at its first try (no backoff).
        Path dialplan = TestDialplan.write(SharedAsterisk.repositoryRoot(), "127.0.0.1", agiPort,
                workDir.resolve("extensions.conf"));
        Path moh = Files.createDirectories(workDir.resolve("moh"));
        TestSounds.writeHoldMusic(moh);
        asterisk = AsteriskRun.start(home.get(), Files.createDirectories(workDir.resolve("asterisk")), amiPort,
                agiPort, secret, dialplan, moh);
        installProjectManagerUser();
        server = IvrServer.start(config.withRedis(new IvrConfig.Redis("", workDir.resolve("redis"), Duration.ofSeconds(2))));
        // One session per account for the whole class: each login hashes a password on purpose slowly, so they
        // run while Asterisk starts.
        List<Thread> logins = new ArrayList<>();
        for (String[] account : new String[][] {{"console", "1001"}, {"console", "1003"},
                {"wallboard", "9001"}}) {
            Thread login = new Thread(() -> sessions.put(account[1], Console.login(account[0], account[1], "demo" + account[1])));
            login.start();
            logins.add(login);
        }
        // Straight into the hold loop of a queue (test-ivr runs AGI .../queue-<id>), with the server's own holds.
        HoldLoop loop = new HoldLoop(server.queues().distributor(), HoldSettings.DEFAULTS, Clock.systemUTC(),
                new HeldCalls(server.redis()));
        server.scripts().register("queue-zh", "test", call -> loop.run(call, new WaitingCall(call.request().uniqueId(),
                "zh-general", "", "zh", call.request().callerId())));
        installPrompts();
        line = AmiTestLine.connect("127.0.0.1", amiPort, "test", secret, 4);
        watcher = new ManagerConnectionFactory("127.0.0.1", amiPort, "test", secret).createManagerConnection();
        watcher.addEventListener(events::add);
        watcher.login("call");
        listened = Files.createDirectories(workDir.resolve("listened"));
        listened.toFile().setWritable(true, false);
        watcher.sendAction(new SetVarAction("SUPERVISOR_RECORDINGS", listened.toString()));
        // Phones that answer at once and a short listen keep the class quick (the defaults are 1 s and 4 s).
        watcher.sendAction(new SetVarAction("RING", "0.2"));
        watcher.sendAction(new SetVarAction("OUTSIDE_RING", "0.2"));
        watcher.sendAction(new SetVarAction("LISTEN_SECONDS", "2"));
        until("AMI link up", () -> server.ami().links().anyUp().isPresent());
        channels = new ChannelControl(server.ami().links(), server.ami().originator());
        for (Thread login : logins) {
            login.join();
        }
        assertThat(sessions).hasSize(3);
    }

    private static final Map<String, Console> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    /** Our [ivr] user from config/asterisk/manager.conf instead of the shared build's broader one. */
    private static void installProjectManagerUser() throws Exception {
        String ours = Files.readString(SharedAsterisk.repositoryRoot().resolve("config/asterisk/manager.conf"));
        String ivrUser = ours.substring(ours.indexOf("[ivr]")).replace("secret = CHANGE_ME", "secret = " + secret);
        Path managerConf = asterisk.runDir().resolve("etc/manager.conf");
        String shared = Files.readString(managerConf);
        Files.writeString(managerConf, shared.substring(0, shared.indexOf("[ivr]")) + ivrUser + "\n"
                + shared.substring(shared.indexOf("[test]")));
        asterisk.cli("manager reload");
        assertThat(asterisk.cli("manager show user ivr")).contains("read perm: call,user");
    }

    /** The hold loop's prompts as tones (zh and en), and the digits it says. */
    private static void installPrompts() throws IOException {
        int pitch = 300;
        for (String prompt : List.of("position", "expected-wait", "minutes", "press-1-callback", "callback-number-is",
                "callback-confirm", "callback-enter-number", "callback-confirmed")) {
            pitch += 50;
            for (String language : List.of("zh", "en")) {
                TestSounds.writeTone(asterisk.soundsDir().resolve(language + "/queue/" + prompt + ".wav"), pitch, 300);
            }
        }
        TestSounds.writeDemoPrompts(asterisk.soundsDir());
    }

    private long logMark;
    private Console seat;

    @BeforeEach
    void seatReady() {
        logMark = new AsteriskLog(asterisk.messagesLog()).mark();
        seat = sessions.get("1001");
        assertThat(seat.post("/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(200);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (ChannelControl.Channel channel : channels.channels()) {
            try {
                channels.hangup(channel);
            } catch (RuntimeException gone) {
                // ended with its peer
            }
        }
        until("no channels left", () -> channels.channels().isEmpty());
        until("no seat holding a call", () -> List.of("1001", "1003").stream()
                .noneMatch(id -> List.of("oncall", "offered").contains(seatState(id))));
        // Seats other than 1001 sit paused between tests, so no call goes to them by chance.
        for (String id : List.of("1001", "1003")) {
            sessions.get(id).post("/console/api/state", "{\"state\":\"paused\",\"reason\":\"between tests\"}");
        }
        new AsteriskLog(asterisk.messagesLog()).assertNoProblemsSince(logMark);
    }

    @AfterAll
    static void stop() throws Exception {
        if (watcher != null) {
            watcher.logoff();
        }
        if (line != null) {
            line.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
        if (server != null) {
            server.close();
        }
        if (workDir != null) {
            try (var paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void holdPlaysMusicToTheCallerWhileTheSeatWaitsAndResumeBridgesThemAgainThenHangUpEndsTheCall() throws Exception {
        Call call = callReachesSeat1001();
        assertThat(seat.post(control(call), "{\"action\":\"hold\"}").body().path("state").asText()).isEqualTo("held");
        until("the seat's channel waiting in ivr-seat-hold", () -> seatChannel(call).map(c -> c.context().equals("ivr-seat-hold")
                && !c.bridged()).orElse(false));
        until("hold music for the caller", () -> events.stream().anyMatch(e -> e instanceof MusicOnHoldStartEvent moh
                && call.callerChannel().equals(moh.getChannel()) && moh.getDateReceived().getTime() >= call.answeredAt));
        assertThat(seatState("1001")).isEqualTo("oncall");
        assertThat(seat.post(control(call), "{\"action\":\"hold\"}").status()).isEqualTo(409);

        assertThat(seat.post(control(call), "{\"action\":\"resume\"}").body().path("state").asText()).isEqualTo("talking");
        until("caller and seat bridged again", () -> bridgedTogether(call.callerChannel(), call.seatChannel()));

        assertThat(seat.post(control(call), "{\"action\":\"hangup\"}").body().path("state").asText()).isEqualTo("ended");
        until("seat 1001 in wrap-up", () -> seatState("1001").equals("wrapup"));
        until("the seat's channel gone", () -> channels.byName(call.seatChannel()).isEmpty());
    }

    @Test
    void blindTransferTo110SendsTheCallerOutOfTheIvrAndFreesTheSeat() throws Exception {
        Call call = callReachesSeat1001();
        JsonNode targets = seat.get("/console/api/transfer-targets").body().path("targets");
        assertThat(targets.findValuesAsText("id")).contains("police", "fire", "ambulance", "leader", "queue:enterprise");
        assertThat(seat.post(control(call), "{\"action\":\"transfer\",\"target\":\"police\"}").body().path("state").asText())
                .isEqualTo("transferred");
        until("the caller bridged to 110", () -> peerName(call.callerChannel()).startsWith("Local/110@test-outside"));
        until("seat 1001 in wrap-up", () -> seatState("1001").equals("wrapup"));
        // A number of the seat's own choosing is refused: only the configured targets.
        assertThat(seat.post(control(call), "{\"action\":\"transfer\",\"target\":\"13800138000\"}").status()).isIn(400, 409);
    }

    @Test
    void transferToAnotherQueueHandsTheCallerToThatQueuesSeat() throws Exception {
        Console other = sessions.get("1003");
        Call call = callReachesSeat1001();
        assertThat(other.post("/console/api/state", "{\"state\":\"ready\"}").status()).isEqualTo(200);
        assertThat(seat.post(control(call), "{\"action\":\"transfer\",\"target\":\"queue:enterprise\"}").status())
                .isEqualTo(200);
        until("seat 1001 in wrap-up", () -> seatState("1001").equals("wrapup"));
        until("seat 1003 on the call", () -> seatState("1003").equals("oncall")
                && peerName(call.callerChannel()).startsWith("Local/1003@test-seat"));
    }

    @Test
    void consultTheTeamLeaderThenThreeWayThenAnotherCallsConsultCompletesAnAttendedTransfer() throws Exception {
        Call call = callReachesSeat1001();
        assertThat(seat.post(control(call), "{\"action\":\"consult\",\"target\":\"leader\"}").body().path("state").asText())
                .isEqualTo("consulting");
        until("the seat talking to the team leader (9001) while the caller is held",
                () -> peerName(call.seatChannel()).startsWith("Local/9001@test-outside")
                        && channels.byName(call.callerChannel()).map(c -> !c.bridged()).orElse(false));
        assertThat(seat.post(control(call), "{\"action\":\"threeway\"}").body().path("state").asText()).isEqualTo("three-way");
        until("caller and seat bridged again, the leader barging in on the caller", () -> bridgedTogether(call.callerChannel(),
                call.seatChannel()) && events.stream().anyMatch(e -> e instanceof ChanSpyStartEvent spy
                && call.callerChannel().equals(spy.getSpyeeChannel())));
        seat.post(control(call), "{\"action\":\"hangup\"}");
        until("seat 1001 in wrap-up", () -> seatState("1001").equals("wrapup"));
        cleanUp();

        seatReady();
        Call second = callReachesSeat1001();
        seat.post(control(second), "{\"action\":\"consult\",\"target\":\"heating\"}");
        until("the seat talking to the heating office", () -> peerName(second.seatChannel()).startsWith("Local/01068001001@"));
        assertThat(seat.post(control(second), "{\"action\":\"complete\"}").body().path("state").asText()).isEqualTo("transferred");
        until("the caller bridged to the heating office", () -> peerName(second.callerChannel()).startsWith("Local/01068001001@"));
        until("seat 1001 in wrap-up, its channel gone", () -> seatState("1001").equals("wrapup")
                && channels.byName(second.seatChannel()).isEmpty());
    }

    @Test
    void aSupervisorListensInAndHearsTheCallThenWhispers() throws Exception {
        Call call = callReachesSeat1001();
        Console supervisor = sessions.get("9001");
        assertThat(seat.post("/wallboard/api/seats/1001/listen", "{\"mode\":\"listen\"}").status()).isIn(401, 403);
        call.test().say(speechSample());
        assertThat(supervisor.post("/wallboard/api/seats/1001/listen", "{\"mode\":\"listen\"}").status()).isEqualTo(200);
        until("the supervisor's recording of the call", () -> loudestSample(listened, "9001-") > 1000);

        assertThat(supervisor.post("/wallboard/api/seats/1001/listen", "{\"mode\":\"whisper\"}").status()).isEqualTo(200);
        until("ChanSpy whispering on the seat's channel", () -> events.stream().anyMatch(e -> e instanceof ChanSpyStartEvent spy
                && call.seatChannel().equals(spy.getSpyeeChannel()) && spy.getDateReceived().getTime() > call.answeredAt)
                && channels.channels().stream().filter(c -> c.application().equals("ChanSpy")).count() >= 1);

        JsonNode floor = supervisor.get("/wallboard/api/floor").body();
        JsonNode row = floor.path("seats").findParents("id").stream().filter(s -> s.path("id").asText().equals("1001"))
                .findFirst().orElseThrow();
        assertThat(row.path("state").asText()).isEqualTo("oncall");
        assertThat(row.path("callId").asText()).isEqualTo(call.callId());
        assertThat(floor.path("queues").findValuesAsText("id")).contains("zh-general");
        assertThat(seat.get("/wallboard/api/floor").status()).isIn(401, 403);
    }

    @Test
    void anotherSeatCannotControlTheCallAndAControlWithoutTheCsrfTokenIsRefused() throws Exception {
        Call call = callReachesSeat1001();
        Console other = sessions.get("1003");
        assertThat(other.post(control(call), "{\"action\":\"hangup\"}").status()).isEqualTo(403);
        assertThat(seat.withoutCsrf().post(control(call), "{\"action\":\"hangup\"}").status()).isEqualTo(403);
        assertThat(seatChannel(call)).isPresent();
    }

    // ---- the call, as the test sees it

    /** The caller's call on seat 1001, with the names of both channels. */
    private record Call(TestCall test, String callId, String callerChannel, String seatChannel, long answeredAt) {
    }

    private Call callReachesSeat1001() throws Exception {
        TestCall call = line.place(TestCallPlan.hotline("13800138020").to("test-ivr", "queue-zh")
                .timeout(Duration.ofSeconds(120)), event -> { });
        until("seat 1001 on call", () -> seatState("1001").equals("oncall"));
        String callId = server.queues().distributor().records().seat("1001").orElseThrow().callId();
        until("caller bridged to the seat", () -> channels.byUniqueId(callId).flatMap(channels::peerOf).isPresent());
        ChannelControl.Channel caller = channels.byUniqueId(callId).orElseThrow();
        ChannelControl.Channel seatLeg = channels.peerOf(caller).orElseThrow();
        assertThat(seatLeg.name()).startsWith("Local/1001@test-seat");
        // The console learns its call from the screen (as the page does when it pops).
        assertThat(seat.get("/console/api/screen").status()).isEqualTo(200);
        return new Call(call, callId, caller.name(), seatLeg.name(), System.currentTimeMillis() - 1000);
    }

    private static String control(Call call) {
        return "/console/api/calls/" + call.callId() + "/control";
    }

    private static Optional<ChannelControl.Channel> seatChannel(Call call) {
        return channels.byName(call.seatChannel());
    }

    private static String peerName(String channel) {
        return channels.byName(channel).flatMap(channels::peerOf).map(ChannelControl.Channel::name).orElse("");
    }

    private static boolean bridgedTogether(String a, String b) {
        return peerName(a).equals(b);
    }

    private static String seatState(String seatId) {
        return server.queues().distributor().records().seat(seatId).map(s -> s.state().code()).orElse("out");
    }

    private static Path speechSample() {
        return SharedAsterisk.locate().orElseThrow().resolveSibling("speech-samples").resolve("zh-01.wav");
    }

    /** The largest sample value in the supervisor's recordings so far (0 while none). */
    private static int loudestSample(Path dir, String prefix) {
        int loudest = 0;
        try (var files = Files.list(dir)) {
            for (Path wav : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
                    byte[] pcm = in.readAllBytes();
                    for (int i = 0; i + 1 < pcm.length; i += 2) {
                        loudest = Math.max(loudest, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
                    }
                } catch (Exception stillBeingWritten) {
                    // Record() has not written the header yet
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return loudest;
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; channels: " + channels.channels());
            }
            Thread.sleep(100);
        }
    }

    /** One console session over HTTP: its cookie, CSRF token and Origin, as the page sends them. */
    private static final class Console {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private String cookie = "";
        private String csrf = "";

        record Reply(int status, JsonNode body) {
        }

        private Console(String base) {
            this.base = base;
        }

        static Console login(String area, String id, String password) {
            Console console = new Console("http://127.0.0.1:" + server.httpPort());
            HttpResponse<String> reply = console.raw("POST", "/" + area + "/api/login",
                    "{\"id\":\"" + id + "\",\"password\":\"" + password + "\"}");
            assertThat(reply.statusCode()).as("login " + id).isEqualTo(200);
            String setCookie = reply.headers().firstValue("Set-Cookie").orElseThrow();
            console.cookie = setCookie.substring(0, setCookie.indexOf(';'));
            console.csrf = read(reply.body()).path("csrf").asText();
            return console;
        }

        Console withoutCsrf() {
            Console copy = new Console(base);
            copy.cookie = cookie;
            return copy;
        }

        Reply get(String path) {
            HttpResponse<String> reply = raw("GET", path, null);
            return new Reply(reply.statusCode(), read(reply.body()));
        }

        Reply post(String path, String json) {
            HttpResponse<String> reply = raw("POST", path, json);
            return new Reply(reply.statusCode(), read(reply.body()));
        }

        private HttpResponse<String> raw(String method, String path, String json) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .header("Origin", base);
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (!cookie.isEmpty()) {
                request.header("Cookie", cookie);
            }
            if (!csrf.isEmpty()) {
                request.header("X-CSRF-Token", csrf);
            }
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError(method + " " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private static JsonNode read(String body) {
            try {
                return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(body);
            }
        }
    }
}
