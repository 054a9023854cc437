package org.hotline.ivr.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.Eventually;
import redis.clients.jedis.Jedis;

/**
 * A real Redis Cluster of three masters (Debian redis-server {@code --cluster-enabled yes}, slots assigned by
 * {@code redis-cli --cluster create}), on free loopback ports.
 */
public final class ClusterRig implements AutoCloseable {

    private final List<RedisProcess> masters = new ArrayList<>();
    private final Path dir;
    private final boolean ownsDir;

    private ClusterRig(Path dir, boolean ownsDir) {
        this.dir = dir;
        this.ownsDir = ownsDir;
    }

    /** {@code ownsDir}: the folder goes with the rig when it closes. */
    public static ClusterRig start(Path dir, boolean ownsDir) throws IOException, InterruptedException {
        ClusterRig rig = new ClusterRig(dir, ownsDir);
        try {
            for (int i = 0; i < 3; i++) {
                rig.masters.add(RedisProcess.server(dir, "--cluster-enabled", "yes", "--cluster-config-file",
                        "nodes.conf", "--cluster-node-timeout", "2000"));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            rig.masters.forEach(m -> create.add(m.address().toString()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process cli = new ProcessBuilder(create).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("cluster-create.log").toFile()).start();
            if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed; see " + dir.resolve("cluster-create.log"));
            }
            Eventually.until("every node sees the cluster ok", Duration.ofSeconds(30), rig::ok);
            return rig;
        } catch (RuntimeException | IOException | InterruptedException e) {
            rig.close();
            throw e;
        }
    }

    private boolean ok() {
        for (RedisProcess master : masters) {
            try (Jedis jedis = master.connect()) {
                if (!jedis.clusterInfo().contains("cluster_state:ok")) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** host:port of every master: the seeds {@code redis.cluster} takes (any one would do). */
    public List<String> seeds() {
        return masters.stream().map(m -> m.address().toString()).toList();
    }

    public RedisTopology topology() {
        return new RedisTopology.Cluster(masters.stream().map(RedisProcess::address).toList(), "",
                RedisTopology.ReplicaAcks.NONE);
    }

    @Override
    public void close() {
        masters.forEach(RedisProcess::close);
        if (ownsDir) {
            RedisProcess.deleteTree(dir);
        }
    }
}
