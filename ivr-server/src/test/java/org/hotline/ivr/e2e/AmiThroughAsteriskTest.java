package org.hotline.ivr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.hotline.ivr.AgiCallCleanup;
import org.hotline.ivr.agi.AgiMetrics;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.agi.FastAgiServer;
import org.hotline.ivr.agi.LiveAgiCalls;
import org.hotline.ivr.ami.AmiEndpoint;
import org.hotline.ivr.ami.AmiLink;
import org.hotline.ivr.ami.AmiLinkPolicy;
import org.hotline.ivr.ami.AmiLinkState;
import org.hotline.ivr.ami.AmiLinks;
import org.hotline.ivr.ami.AmiSubscriber;
import org.hotline.ivr.ami.HangupWatch;
import org.hotline.ivr.ami.Originator;
import org.hotline.ivr.ami.SeatDeviceStates;
import org.hotline.ivr.ami.SeatDeviceWatch;
import org.hotline.ivr.ami.SeatDevices;
import org.hotline.ivr.followup.AmiCallbackDialer;
import org.hotline.ivr.followup.CallbackOutcome;
import org.hotline.ivr.followup.CallbackPolicy;
import org.hotline.ivr.followup.CallbackRequest;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The AMI side against the real Asterisk 22 in {@code ../shared/asterisk}, logged in as the project's
 * least-privilege {@code ivr} user from {@code config/asterisk/manager.conf}, with the project's dialplan:
 * device states, a callback through {@code ivr-callback}, an AGI link that outlives its call, and Asterisk killed
 * and restarted under the link. (A survey through {@code ivr-survey} runs in ServerAmiThroughAsteriskTest.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AmiThroughAsteriskTest {

    private static final String SEAT_PHONE = "Local/1001@test-seat";
    /** A device whose state a test can set: how an unreachable phone looks without a SIP stack. */
    private static final String UNPLUGGED_PHONE = "Custom:ivr-test-1002";

    private static Path home;
    private static Path workDir;
    private static int amiPort;
    private static int agiPort;
    private static String secret;
    private static AsteriskRun asterisk;
    private static EmbeddedRedis redisServer;
    private static RedisGateway redis;
    private static AmiLinks links;
    private static ScheduledExecutorService timers;
    private static AmiCallbackDialer dialer;
    private static NettyTransport transport;
    private static FastAgiServer agi;
    private static final Recorder recorder = new Recorder();
    private static final LiveAgiCalls liveCalls = new LiveAgiCalls(Clock.systemUTC());
    private static AgiCallCleanup cleanup;
    private static final List<String> stuckCalls = new CopyOnWriteArrayList<>();
    private static final Seats seats = new Seats();

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> found = SharedAsterisk.locate();
        Assumptions.assumeTrue(found.isPresent(), "no Asterisk build at ../shared/asterisk (nor $"
                + SharedAsterisk.ENV + "): AMI tests against a real Asterisk are skipped");
        home = found.get();
        workDir = Files.createTempDirectory("ivr-ami-e2e-");
        amiPort = freePort();
        agiPort = freePort();
        secret = "ami-" + UUID.randomUUID();
        startAsterisk();
        redisServer = EmbeddedRedis.start(workDir.resolve("redis"));
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        timers = Executors.newSingleThreadScheduledExecutor();
        AmiLinkPolicy policy = new AmiLinkPolicy(AmiLinkPolicy.EVENT_MASK, Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofSeconds(1));
        links = new AmiLinks(List.of(new AmiEndpoint("pbx1", "127.0.0.1", amiPort, "ivr", secret)), policy);
        Originator originator = new Originator(links, timers);
        dialer = new AmiCallbackDialer(originator, new CallbackPolicy("ivr-callback", "Local/caller@test-caller",
                "12345", Duration.ofSeconds(10), Duration.ofSeconds(10), 1, Duration.ofSeconds(1)), timers);
        transport = new NettyTransport(2);
        agi = FastAgiServer.start(new IvrConfig.Agi("127.0.0.1", agiPort, List.of("127.0.0.1/32"), Duration.ofSeconds(2),
                // The FastAGI server's own hang-up grace is longer than the AMI clean-up's here, so that a stuck
                // script's socket is seen closed by the AMI clean-up (the defence for channels whose HANGUP never comes).
                Duration.ofSeconds(60), 8192, 256, Duration.ofSeconds(30)), transport,
                // A script that never answers nor closes: an AGI link that outlives its call. (The survey through a
                // real Asterisk runs the survey flow in ServerAmiThroughAsteriskTest.)
                new AgiScripts().register("12345", call -> {
                            stuckCalls.add(call.id());
                            return new java.util.concurrent.CompletableFuture<>();
                        }),
                new AgiMetrics(new SimpleMeterRegistry()), liveCalls);
        cleanup = new AgiCallCleanup(liveCalls, Duration.ofSeconds(2), true, Clock.systemUTC());
        SeatDeviceWatch watch = new SeatDeviceWatch(SeatDevices.of(Map.of(UNPLUGGED_PHONE, "1002")), seats, redis);
        links.start(List.of(recorder, watch, originator, dialer, new HangupWatch(cleanup)));
        until("link up", () -> links.anyUp().isPresent());
    }

    private long logMark;

    @BeforeEach
    void markAsteriskLog() {
        logMark = new AsteriskLog(asterisk.messagesLog()).mark();
    }

    /** Asterisk must not have complained about anything the server did (a refused action, a bad originate). */
    @AfterEach
    void asteriskHadNoComplaints() {
        new AsteriskLog(asterisk.messagesLog()).assertNoProblemsSince(logMark);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cleanup != null) {
            cleanup.close();
        }
        if (agi != null) {
            agi.close();
            transport.close();
        }
        if (links != null) {
            links.close();
            timers.shutdownNow();
            redis.close();
            redisServer.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
        if (workDir != null) {
            try (var paths = Files.walk(workDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static AmiLink link() {
        return links.all().get(0);
    }

    @Test
    @Order(1)
    void theIvrUserSeesASeatPhoneRingAndFallIdleAgain() throws Exception {
        withTestUser(test -> {
            OriginateAction call = new OriginateAction();
            call.setChannel(SEAT_PHONE);
            call.setApplication("Wait");
            call.setData("1");
            call.setAsync(true);
            test.sendAction(call);
        });

        until("seat phone in use", () -> recorder.states(SEAT_PHONE).contains("INUSE"));
        until("seat phone idle again", () -> recorder.states(SEAT_PHONE).contains("NOT_INUSE")
                && recorder.states(SEAT_PHONE).lastIndexOf("NOT_INUSE") > recorder.states(SEAT_PHONE).indexOf("INUSE"));
    }

    @Test
    @Order(2)
    void aSeatWhosePhoneBecomesUnavailableIsPausedAndRestored() throws Exception {
        seats.state.put("1002", "ready");

        withTestUser(test -> test.sendAction(new SetVarAction("DEVICE_STATE(" + UNPLUGGED_PHONE + ")", "UNAVAILABLE")));
        until("seat 1002 paused", () -> seats.state.get("1002").equals("paused:" + SeatDeviceWatch.REASON));

        withTestUser(test -> test.sendAction(new SetVarAction("DEVICE_STATE(" + UNPLUGGED_PHONE + ")", "NOT_INUSE")));
        until("seat 1002 ready again", () -> seats.state.get("1002").equals("ready"));
    }

    @Test
    @Order(3)
    void aCallbackRingsTheSeatAndThenTheCitizen() throws Exception {
        CallbackOutcome outcome = dialer.dial(new CallbackRequest("cb-e2e-1", "WO-E2E-1", "1001", SEAT_PHONE, "13800138000"))
                .toCompletableFuture().get(40, TimeUnit.SECONDS);

        assertThat(outcome.result()).as(outcome.toString()).isEqualTo(CallbackOutcome.Result.CONNECTED);
        assertThat(recorder.states("Local/caller@test-caller")).as("the citizen's line was used").isNotEmpty();
    }

    @Test
    @Order(5)
    void aCallWhoseAgiLinkOutlivesItIsEndedFromTheAmiHangup() throws Exception {
        long endedBefore = cleanup.ended();
        withTestUser(test -> {
            test.sendAction(new SetVarAction("WAIT", "1"));
            test.sendAction(new SetVarAction("DIGITS", ""));
            test.sendAction(new SetVarAction("HOLD", "2"));
            OriginateAction call = new OriginateAction();
            call.setChannel("Local/caller@test-caller");
            call.setContext("ivr-in");
            call.setExten("12345");
            call.setPriority(1);
            call.setCallerId("13800138000");
            call.setAsync(true);
            test.sendAction(call);
        });
        until("the stuck script has the call", () -> !stuckCalls.isEmpty() && liveCalls.isOpen(stuckCalls.get(0)));

        // The citizen hangs up after HOLD; Asterisk's HANGUP line is ignored by the stuck script, its socket stays.
        until("the AMI clean-up closed the call's AGI socket", () -> !liveCalls.isOpen(stuckCalls.get(0)));
        assertThat(cleanup.ended()).as("closed by the clean-up, not by Asterisk").isEqualTo(endedBefore + 1);
    }

    @Test
    @Order(6)
    void whenAsteriskIsKilledAndRestartedTheLinkReconnectsAndReadsStateAgain() throws Exception {
        int upsBefore = recorder.ups.get();
        seats.state.put("1002", "ready");

        crashAsterisk();
        until("link sees Asterisk gone", () -> link().status().state() != AmiLinkState.UP);
        startAsterisk();
        until("link up again", link()::up);
        until("state re-read after reconnect", () -> recorder.ups.get() > upsBefore);
        assertThat(link().status().reconnects()).isGreaterThanOrEqualTo(1);

        withTestUser(test -> test.sendAction(new SetVarAction("DEVICE_STATE(" + UNPLUGGED_PHONE + ")", "UNAVAILABLE")));
        until("events flow after the restart", () -> seats.state.get("1002").startsWith("paused"));
    }

    /** SIGKILL, as a crash (SIGTERM would be a graceful stop that waits for the calls still up). */
    private static void crashAsterisk() throws Exception {
        long pid = Long.parseLong(Files.readString(asterisk.runDir().resolve("run/asterisk.pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
    }

    /** Starts (or restarts, same ports and folder) Asterisk with the project's dialplan and AMI user. */
    private static void startAsterisk() throws Exception {
        Path dialplan = TestDialplan.write(SharedAsterisk.repositoryRoot(), "127.0.0.1", agiPort,
                workDir.resolve("extensions.conf"));
        Path moh = Files.createDirectories(workDir.resolve("moh"));
        TestSounds.writeHoldMusic(moh);
        asterisk = AsteriskRun.start(home, Files.createDirectories(workDir.resolve("asterisk")), amiPort, agiPort,
                secret, dialplan, moh);
        // AMI opens before the PBX is fully booted; an Originate before that is refused ("PBX requires
        // Asterisk to be fully booted"), which a loaded machine makes likely.
        asterisk.cli("core waitfullybooted");
        installProjectManagerUser();
    }

    /** Replaces the shared build's [ivr] user with ours (config/asterisk/manager.conf) and reloads AMI. */
    private static void installProjectManagerUser() throws Exception {
        String ours = Files.readString(SharedAsterisk.repositoryRoot().resolve("config/asterisk/manager.conf"));
        String ivrUser = ours.substring(ours.indexOf("[ivr]")).replace("secret = CHANGE_ME", "secret = " + secret);
        Path managerConf = asterisk.runDir().resolve("etc/manager.conf");
        String shared = Files.readString(managerConf);
        String general = shared.substring(0, shared.indexOf("[ivr]"));
        String testUser = shared.substring(shared.indexOf("[test]"));
        Files.writeString(managerConf, general + ivrUser + "\n" + testUser);
        asterisk.cli("manager reload");
        String perms = asterisk.cli("manager show user ivr");
        assertThat(perms).contains("read perm: call,user").contains("write perm: call,reporting,originate");
    }

    private interface TestLineAction {
        void run(ManagerConnection test) throws Exception;
    }

    /** The full-rights {@code test} user: what stands in for phones and people. */
    private static void withTestUser(TestLineAction action) throws Exception {
        ManagerConnection test = new ManagerConnectionFactory("127.0.0.1", amiPort, "test", secret).createManagerConnection();
        test.login("off");
        try {
            action.run(test);
        } finally {
            test.logoff();
        }
    }

    private static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; link: " + links.all().get(0).status());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static final class Recorder implements AmiSubscriber {
        final List<DeviceStateChangeEvent> devices = new CopyOnWriteArrayList<>();
        final AtomicInteger ups = new AtomicInteger();

        @Override
        public void onEvent(AmiLink link, ManagerEvent event) {
            if (event instanceof DeviceStateChangeEvent change) {
                devices.add(change);
            }
        }

        @Override
        public void onLinkUp(AmiLink link) {
            ups.incrementAndGet();
        }

        List<String> states(String device) {
            return devices.stream().filter(e -> device.equals(e.getDevice())).map(DeviceStateChangeEvent::getState).toList();
        }
    }

    static final class Seats implements SeatDeviceStates {
        final Map<String, String> state = new ConcurrentHashMap<>();

        @Override
        public String pauseForDevice(String seatId, String reason) {
            return state.put(seatId, "paused:" + reason);
        }

        @Override
        public void restore(String seatId, String formerState) {
            state.put(seatId, formerState);
        }
    }
}
