package org.hotline.ivr.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Redis a Redis-facing test class runs on, registered as {@code @RegisterExtension static final
 * RedisUnderTest redis = new RedisUnderTest();}: a real embedded redis-server of its own by default, or, when the
 * JUnit configuration parameter {@value #PARAMETER} is {@code cluster} (as {@link RedisClusterSuiteTest} sets it),
 * the real three-master cluster shared by the whole suite. Every test starts on an empty Redis. The gateways it
 * hands out are closed after the class.
 */
public final class RedisUnderTest implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    public static final String PARAMETER = "ivr.test.redis";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RedisUnderTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<RedisGateway> gateways = new CopyOnWriteArrayList<>();
    private final List<RedisGateway> perTest = new CopyOnWriteArrayList<>();
    private volatile EmbeddedRedis embedded;
    private volatile Path embeddedDir;
    private volatile RedisTopology topology;
    private volatile RedisGateway main;
    private volatile boolean inTest;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if ("cluster".equals(context.getConfigurationParameter(PARAMETER).orElse(""))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(RedisProcess.installed(),
                    "Debian redis-server not installed (.ci/run installs it): no cluster to run on");
            ClusterRig rig = context.getRoot().getStore(NS).getOrComputeIfAbsent("cluster", key -> startCluster(),
                    ClusterRig.class);
            topology = rig.topology();
        } else {
            embeddedDir = Files.createTempDirectory("redis-under-test");
            embedded = EmbeddedRedis.start(embeddedDir);
            topology = RedisTopology.standalone(embedded.url());
        }
        main = newGateway();
    }

    private static ClusterRig startCluster() {
        try {
            return ClusterRig.start(Files.createTempDirectory("redis-cluster"), true);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the Redis Cluster: " + e.getMessage(), e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        inTest = true;
        flush();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        perTest.forEach(RedisGateway::close);
        gateways.removeAll(perTest);
        perTest.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateways.forEach(RedisGateway::close);
        gateways.clear();
        if (embedded != null) {
            embedded.close();
            RedisProcess.deleteTree(embeddedDir);
        }
    }

    /** The class's gateway. */
    public RedisGateway gateway() {
        return main;
    }

    /** Another gateway (another node's), closed after the test that made it (or after the class). */
    public RedisGateway newGateway() {
        RedisGateway gateway = new RedisGateway(topology, TIMEOUT, RetryPolicy.DEFAULT);
        gateways.add(gateway);
        if (inTest) {
            perTest.add(gateway);
        }
        return gateway;
    }

    /** What a whole server needs in its environment to run on this Redis. */
    public java.util.Map<String, String> environment() {
        if (topology instanceof RedisTopology.Cluster cluster) {
            return java.util.Map.of("IVR_REDIS_CLUSTER", String.join(",",
                    cluster.seeds().stream().map(Object::toString).toList()), "IVR_REDIS_WAIT_REPLICAS", "0");
        }
        return java.util.Map.of("IVR_REDIS_URL", embedded.url());
    }

    public boolean cluster() {
        return topology instanceof RedisTopology.Cluster;
    }

    public RedisTopology topology() {
        return topology;
    }

    /** Empties every master. */
    public void flush() {
        main.callEachMaster("flush", jedis -> jedis.flushAll());
    }
}
