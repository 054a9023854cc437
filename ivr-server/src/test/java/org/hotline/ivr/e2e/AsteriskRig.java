package org.hotline.ivr.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.demo.DemoScripts;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.redis.RedisProcess;
import org.hotline.ivr.testcall.AmiTestLine;
import org.hotline.ivr.testcall.TestCall;
import org.hotline.ivr.testcall.TestCallEvent;
import org.hotline.ivr.testcall.TestCallPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a test class gets from {@link AsteriskExtension}: a real Asterisk on free ports running the
 * project's dialplan, the IVR server under test in this JVM, and an AMI line (user {@code test}) to place
 * citizen calls with. Every AMI action Asterisk refuses is kept, and fails the test like a log warning.
 */
public final class AsteriskRig implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsteriskRig.class);
    /** With a {@link RedisProcess}: one command's timeout, and how long an operation retries before it gives up. */
    static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    static final Duration REDIS_RETRY_FOR = Duration.ofSeconds(3);

    private final Path workDir;
    private final RedisProcess redisProcess;
    private final IvrServer server;
    private final Restart restart;
    private volatile AsteriskRun asterisk;
    private final AsteriskLog asteriskLog;
    private volatile AmiTestLine ami;
    private final List<TestCallEvent> refused = new CopyOnWriteArrayList<>();
    private long logMark;
    private int refusedMark;

    /** What starting Asterisk again on the same ports and folder takes. */
    private record Restart(Path home, Path runDir, int amiPort, int agiPort, String secret, Path dialplan, Path moh) {
    }

    private AsteriskRig(Path workDir, IvrServer server, AsteriskRun asterisk, AmiTestLine ami, Restart restart,
                        RedisProcess redisProcess) {
        this.workDir = workDir;
        this.redisProcess = redisProcess;
        this.server = server;
        this.restart = restart;
        this.asterisk = asterisk;
        this.asteriskLog = new AsteriskLog(asterisk.messagesLog());
        this.ami = ami;
    }

    /**
     * Starts the server, then Asterisk pointed at it; stops what started if a later part fails. With
     * {@code serverUsesAmi} the server's AMI link (user {@code ivr}) points at that Asterisk and connects once
     * it is up (the link retries by itself).
     */
    static AsteriskRig start(Path home, Path workDir, boolean serverUsesAmi) throws IOException, InterruptedException {
        return start(home, workDir, serverUsesAmi, null);
    }

    /**
     * The same with the server's Redis a {@link RedisProcess} of the rig's own (null: the embedded one), with a short
     * timeout and retry window, so tests can stall and kill it and see the flow's fallback within seconds.
     */
    static AsteriskRig start(Path home, Path workDir, boolean serverUsesAmi, RedisProcess redisProcess)
            throws IOException, InterruptedException {
        int amiPort = freePort();
        String secret = "t-" + UUID.randomUUID();
        // Relative paths (call-flows/, speech-models/, config/) from the repository root, as ./ivr does.
        IvrConfig defaults = new ConfigLoader(Map.of("IVR_HOME", SharedAsterisk.repositoryRoot().toString()))
                .load(null).withPorts(0, 0, 0);
        IvrConfig withRedis = defaults.withRedis(redisProcess == null
                ? new IvrConfig.Redis("", workDir.resolve("redis"), defaults.redis().timeout())
                : new IvrConfig.Redis("redis://" + redisProcess.address(), List.of(), "", List.of(), workDir.resolve("redis"),
                        REDIS_TIMEOUT, REDIS_RETRY_FOR, 0, Duration.ZERO, "", ""));
        // Recordings of the callers' descriptions and of the seat conversations (Asterisk's MixMonitor, each side
        // also on its own, for the tests) stay in the run's folder, not in the repository's data/.
        IvrConfig config = new IvrConfig(withRedis.nodeId(), withRedis.agi(),
                withRedis.audio().withRecordings(workDir.resolve("recordings"))
                        .withConversations(workDir.resolve("conversations"), true), withRedis.http(), withRedis.console(),
                serverUsesAmi ? new IvrConfig.Ami(true, List.of(new IvrConfig.AmiServer("pbx1", "127.0.0.1", amiPort,
                        "ivr", "", secret))) : withRedis.ami(),
                withRedis.redis(), withRedis.speech(), withRedis.paths(),
                withRedis.calls().withSpool(workDir.resolve("spool")), withRedis.logFormat());
        IvrServer server = IvrServer.start(config);
        // The line checks of the ivr-check context, as ./ivr demo registers them (a production node does not).
        DemoScripts.register(server.scripts(), server.redis());
        AsteriskRun asterisk = null;
        try {
            Path runDir = Files.createDirectories(workDir.resolve("asterisk"));
            Path moh = Files.createDirectories(workDir.resolve("moh"));
            TestSounds.writeHoldMusic(moh);
            Path dialplan = TestDialplan.write(SharedAsterisk.repositoryRoot(), "127.0.0.1", server.agiPort(),
                    workDir.resolve("extensions.conf"));
            Restart restart = new Restart(home, runDir, amiPort, server.agiPort(), secret, dialplan, moh);
            asterisk = startAsterisk(restart);
            TestSounds.writeDemoPrompts(asterisk.soundsDir());
            AmiTestLine line = AmiTestLine.connect("127.0.0.1", asterisk.amiPort(), "test", asterisk.secret(), 4);
            log.info("Asterisk up in {} ms at {} (AMI :{}), IVR server FastAGI :{}", asterisk.startup().toMillis(),
                    asterisk.runDir(), asterisk.amiPort(), server.agiPort());
            return new AsteriskRig(workDir, server, asterisk, line, restart, redisProcess);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (asterisk != null) {
                asterisk.close();
            }
            server.close();
            throw e;
        }
    }

    private static AsteriskRun startAsterisk(Restart how) throws IOException, InterruptedException {
        AsteriskRun run = AsteriskRun.start(how.home(), how.runDir(), how.amiPort(), how.agiPort(), how.secret(),
                how.dialplan(), how.moh());
        // Every AGI line in messages.log: the exact protocol, and 510/520 rejections for the log check.
        run.cli("agi set debug on");
        // The shipped app_queue queues (the operators' group of the flows' queue-fallback), as operators paste them.
        Files.copy(SharedAsterisk.repositoryRoot().resolve("config/asterisk/queues.conf"),
                run.runDir().resolve("etc/queues.conf"), StandardCopyOption.REPLACE_EXISTING);
        run.cli("module reload app_queue.so");
        return run;
    }

    /**
     * Kills Asterisk (SIGKILL: a crash, its calls cut without a hangup); {@link #startAsteriskAgain()} starts it
     * on the same ports and run folder. The server under test is left alone: it must cope by itself.
     */
    public void crashAsterisk() throws Exception {
        asterisk.kill();
        ami.close();
    }

    public void startAsteriskAgain() throws Exception {
        asterisk = startAsterisk(restart);
        ami = AmiTestLine.connect("127.0.0.1", restart.amiPort(), "test", restart.secret(), 4);
    }

    public IvrServer server() {
        return server;
    }

    AsteriskRun asterisk() {
        return asterisk;
    }

    AsteriskLog asteriskLog() {
        return asteriskLog;
    }

    public AmiTestLine ami() {
        return ami;
    }

    Path workDir() {
        return workDir;
    }

    /** Places a citizen's call; refused AMI actions are remembered for {@link #assertAsteriskHadNoComplaints()}. */
    public TestCall place(TestCallPlan plan) {
        return place(plan, event -> { });
    }

    public TestCall place(TestCallPlan plan, Consumer<TestCallEvent> listener) {
        return ami.place(plan, event -> {
            if (event.kind().equals("refused")) {
                refused.add(event);
            }
            listener.accept(event);
        });
    }

    /** From here on, lines and refusals count against the current test. */
    void markTestStart() {
        logMark = asteriskLog.mark();
        refusedMark = refused.size();
    }

    /** Forgets complaints so far (for a test that provokes one on purpose and has checked it). */
    public void forgiveComplaintsSoFar() {
        markTestStart();
    }

    /** The reusable check: no WARNING/ERROR or rejected AGI command in Asterisk's log, no refused AMI action. */
    public void assertAsteriskHadNoComplaints() {
        asteriskLog.assertNoProblemsSince(logMark);
        List<TestCallEvent> mine = refused.subList(refusedMark, refused.size());
        if (!mine.isEmpty()) {
            throw new AssertionError("Asterisk refused AMI actions: " + mine);
        }
    }

    /** Asterisk's log lines since this test started. */
    public List<String> asteriskLogSinceTestStart() {
        return asteriskLog.linesSince(logMark);
    }

    @Override
    public void close() {
        ami.close();
        asterisk.close();
        server.close();
        if (redisProcess != null) {
            redisProcess.close();
        }
    }

    /** The server's Redis as a process of its own (with {@link ServerOnRedisProcess}), to stall or kill. */
    public RedisProcess redisProcess() {
        if (redisProcess == null) {
            throw new IllegalStateException("this rig's server uses the embedded Redis: annotate the class @ServerOnRedisProcess");
        }
        return redisProcess;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
