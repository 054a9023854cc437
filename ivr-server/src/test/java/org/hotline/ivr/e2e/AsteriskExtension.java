package org.hotline.ivr.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.hotline.ivr.redis.RedisProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(AsteriskExtension.class)}: one real Asterisk 22 and one IVR server per test class,
 * on free ports in a temporary folder; an {@link AsteriskRig} parameter for tests and lifecycle methods.
 * After each test, Asterisk's log must be free of complaints about us; when a test fails, Asterisk's
 * {@code messages.log} is kept under {@code target/asterisk-logs/}. Without {@code ../shared/asterisk}
 * the class is skipped, saying so. {@code -De2e.keep=true} keeps every run folder (printed in the log).
 */
public final class AsteriskExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AsteriskExtension.class);
    private static final String RIG = "rig";
    private static final String FAILED = "failed";
    private static final String ABSENT = "no Asterisk build at ../shared/asterisk (nor $" + SharedAsterisk.ENV
            + "): end-to-end tests through Asterisk are skipped";

    /** Reports every test as skipped, with the reason, where there is no Asterisk to run them against. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return SharedAsterisk.locate().isPresent() ? ConditionEvaluationResult.enabled("Asterisk build present")
                : ConditionEvaluationResult.disabled(ABSENT);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> home = SharedAsterisk.locate();
        Assumptions.assumeTrue(home.isPresent(), ABSENT);
        Path workDir = Files.createTempDirectory("ivr-e2e-");
        boolean ami = context.getRequiredTestClass().isAnnotationPresent(ServerLogsInToAmi.class);
        RedisProcess redis = null;
        if (context.getRequiredTestClass().isAnnotationPresent(ServerOnRedisProcess.class)) {
            Assumptions.assumeTrue(Files.isExecutable(RedisProcess.SERVER), "no " + RedisProcess.SERVER
                    + " (Debian package redis-server): tests of Redis outages through Asterisk are skipped");
            redis = RedisProcess.server(workDir, "--appendonly", "yes");
        }
        try {
            context.getStore(NS).put(RIG, AsteriskRig.start(home.get(), workDir, ami, redis));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            throw e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        rig(context).markTestStart();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        AsteriskRig rig = rig(context);
        try {
            if (context.getExecutionException().isEmpty()) {
                rig.assertAsteriskHadNoComplaints();
            }
        } catch (AssertionError complaint) {
            keepLog(context, rig);
            throw complaint;
        }
        if (context.getExecutionException().isPresent()) {
            keepLog(context, rig);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        AsteriskRig rig = context.getStore(NS).remove(RIG, AsteriskRig.class);
        if (rig == null) {
            return;
        }
        rig.close();
        if (context.getStore(NS).get(FAILED) == null && !Boolean.getBoolean("e2e.keep")) {
            deleteTree(rig.workDir());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AsteriskRig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return rig(context);
    }

    private static AsteriskRig rig(ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        return classContext.getStore(NS).get(RIG, AsteriskRig.class);
    }

    private static void keepLog(ExtensionContext context, AsteriskRig rig) throws IOException {
        context.getParent().orElseThrow().getStore(NS).put(FAILED, Boolean.TRUE);
        Path dir = Files.createDirectories(Path.of("target", "asterisk-logs"));
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        Path kept = dir.resolve(name + "-messages.log");
        Files.copy(rig.asterisk().messagesLog(), kept, StandardCopyOption.REPLACE_EXISTING);
        System.err.println("Asterisk's log kept at " + kept.toAbsolutePath() + " (run folder " + rig.workDir() + ")");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
