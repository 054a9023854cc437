package org.hotline.ivr.redis;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.HostAndPort;

/**
 * Where the shared Redis is and how it is laid out: one server, a master found through Redis Sentinel, or a
 * Redis Cluster found from seed nodes. Passwords come from the environment (never from a file) and never
 * appear in {@link #toString()}. {@code acks} is how many replicas must confirm a write that must survive a
 * failover (a draft order, a transcript); a standalone server has no replica to promote, so it never waits.
 */
public sealed interface RedisTopology {

    /** The address logs and {@code /healthz} show before a connection tells more (the current master). */
    String describe();

    ReplicaAcks acks();

    /** standalone, sentinel or cluster. */
    String kind();

    /** {@code redis://[user:password@]host:port[/db]}, or {@code rediss://...}. */
    record Standalone(URI url) implements RedisTopology {
        @Override
        public String describe() {
            return url.getHost() + ":" + url.getPort();
        }

        @Override
        public ReplicaAcks acks() {
            return ReplicaAcks.NONE;
        }

        @Override
        public String kind() {
            return "standalone";
        }
    }

    record Sentinel(String masterName, List<HostAndPort> sentinels, String password, String sentinelPassword,
                    ReplicaAcks acks) implements RedisTopology {
        public Sentinel {
            sentinels = List.copyOf(sentinels);
        }

        @Override
        public String describe() {
            return "master " + masterName + " via sentinels " + sentinels;
        }

        @Override
        public String kind() {
            return "sentinel";
        }

        @Override
        public String toString() {
            return "Sentinel[" + describe() + ", " + acks + "]";
        }
    }

    record Cluster(List<HostAndPort> seeds, String password, ReplicaAcks acks) implements RedisTopology {
        public Cluster {
            seeds = List.copyOf(seeds);
        }

        @Override
        public String describe() {
            return "cluster seeded by " + seeds;
        }

        @Override
        public String kind() {
            return "cluster";
        }

        @Override
        public String toString() {
            return "Cluster[" + describe() + ", " + acks + "]";
        }
    }

    /** {@code WAIT replicas timeout} after a write that must survive a failover; zero replicas: no wait. */
    record ReplicaAcks(int replicas, Duration timeout) {
        public static final ReplicaAcks NONE = new ReplicaAcks(0, Duration.ZERO);

        public boolean enabled() {
            return replicas > 0;
        }
    }

    static RedisTopology standalone(String url) {
        return new Standalone(URI.create(url));
    }

    static HostAndPort hostAndPort(String hostPort) {
        return HostAndPort.from(hostPort.trim());
    }
}
