package org.hotline.ivr.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotline.ivr.ami.Eventually;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Real Redis Sentinel: a master, one replica and three sentinels (quorum 2), all Debian processes on free
 * ports. Sentinels call a master down after {@link #DOWN_AFTER} (production uses seconds; tests stay short).
 */
public final class SentinelRig implements AutoCloseable {

    public static final String MASTER_NAME = "ivr";
    public static final Duration DOWN_AFTER = Duration.ofMillis(1000);

    private final List<RedisProcess> servers = new ArrayList<>();
    private final List<RedisProcess> sentinels = new ArrayList<>();

    private SentinelRig() {
    }

    public static SentinelRig start(Path dir) throws IOException {
        SentinelRig rig = new SentinelRig();
        try {
            RedisProcess master = RedisProcess.server(dir);
            rig.servers.add(master);
            rig.servers.add(RedisProcess.server(dir, "--replicaof", "127.0.0.1", Integer.toString(master.port())));
            for (int i = 0; i < 3; i++) {
                rig.sentinels.add(RedisProcess.sentinel(dir, MASTER_NAME, master.address(), DOWN_AFTER));
            }
            rig.awaitReady(1);
            return rig;
        } catch (RuntimeException | IOException e) {
            rig.close();
            throw e;
        }
    }

    /** Replicas in sync and every sentinel knowing them and its two peers: only then can a failover happen. */
    public void awaitReady(int replicas) {
        Eventually.until("the replicas in sync and the sentinels acquainted", Duration.ofSeconds(30), () -> {
            try (Jedis master = processAt(master()).connect()) {
                String info = master.info("replication");
                if (count(info, "state=online") < replicas) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
            for (RedisProcess sentinel : sentinels) {
                try (Jedis jedis = sentinel.connect()) {
                    if (jedis.sentinelReplicas(MASTER_NAME).stream().filter(r -> !String.valueOf(r.get("flags"))
                            .contains("down")).count() < replicas || jedis.sentinelSentinels(MASTER_NAME).size() < 2) {
                        return false;
                    }
                } catch (RuntimeException e) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The master as the sentinels see it now. */
    public HostAndPort master() {
        for (RedisProcess sentinel : sentinels) {
            try (Jedis jedis = sentinel.connect()) {
                List<String> address = jedis.sentinelGetMasterAddrByName(MASTER_NAME);
                return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
            } catch (RuntimeException e) {
                // ask the next one
            }
        }
        throw new IllegalStateException("no sentinel answers");
    }

    public RedisProcess processAt(HostAndPort address) {
        return servers.stream().filter(s -> s.port() == address.getPort()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no server of the rig at " + address));
    }

    /** SIGKILL to the master; returns the promoted replica once every sentinel names it. */
    public RedisProcess killMasterAndAwaitPromotion() throws InterruptedException {
        HostAndPort old = master();
        processAt(old).kill();
        Eventually.until("a replica promoted", Duration.ofSeconds(30), () -> sentinels.stream().allMatch(s -> {
            try (Jedis jedis = s.connect()) {
                return Integer.parseInt(jedis.sentinelGetMasterAddrByName(MASTER_NAME).get(1)) != old.getPort();
            } catch (RuntimeException e) {
                return false;
            }
        }));
        RedisProcess promoted = processAt(master());
        Eventually.until("the promoted replica takes writes", Duration.ofSeconds(15), () -> {
            try (Jedis jedis = promoted.connect()) {
                return jedis.info("replication").contains("role:master");
            } catch (RuntimeException e) {
                return false;
            }
        });
        return promoted;
    }

    /** Starts every killed server again; the sentinels turn an old master into a replica of the new one. */
    public void reviveAll() throws IOException {
        for (RedisProcess server : servers) {
            if (!server.alive()) {
                server.restart();
            }
        }
        awaitReady(servers.size() - 1);
    }

    public List<RedisProcess> replicas() {
        HostAndPort master = master();
        return servers.stream().filter(s -> s.port() != master.getPort() && s.answers()).toList();
    }

    /** host:port of each sentinel, as {@code redis.sentinels} takes them. */
    public List<String> sentinelAddresses() {
        return sentinels.stream().map(s -> s.address().toString()).toList();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::close);
        servers.forEach(RedisProcess::close);
    }
}
