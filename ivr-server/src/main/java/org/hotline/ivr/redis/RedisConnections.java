package org.hotline.ivr.redis;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Jedis' own connection provider for a {@link RedisTopology}: a pool for one server, Jedis' Sentinel provider
 * (which listens to the sentinels' {@code +switch-master} and moves its pool to the promoted replica), or its
 * Cluster provider (slot map, redirections). Kept beside the client so a write can be pinned to one
 * connection: {@code WAIT} counts the replicas that have what this connection wrote.
 */
final class RedisConnections implements AutoCloseable {

    /** Jedis' own redirect/retry budget inside one cluster command; the gateway retries outages around it. */
    private static final int CLUSTER_ATTEMPTS = 5;

    private final RedisTopology topology;
    private final ConnectionProvider provider;
    private final UnifiedJedis jedis;

    RedisConnections(RedisTopology topology, Duration timeout) {
        this.topology = topology;
        int millis = (int) timeout.toMillis();
        if (topology instanceof RedisTopology.Sentinel sentinel) {
            JedisClientConfig sentinels = DefaultJedisClientConfig.builder().timeoutMillis(millis)
                    .password(blankToNull(sentinel.sentinelPassword())).clientName("ivr").build();
            provider = new SentineledConnectionProvider(sentinel.masterName(), client(millis, sentinel.password()).build(),
                    new ConnectionPoolConfig(), set(sentinel.sentinels()), sentinels);
            jedis = new UnifiedJedis(provider);
        } else if (topology instanceof RedisTopology.Cluster cluster) {
            ClusterConnectionProvider clusterProvider = new ClusterConnectionProvider(set(cluster.seeds()),
                    client(millis, cluster.password()).build());
            provider = clusterProvider;
            jedis = new UnifiedJedis(clusterProvider, CLUSTER_ATTEMPTS, timeout.multipliedBy(CLUSTER_ATTEMPTS));
        } else {
            URI uri = ((RedisTopology.Standalone) topology).url();
            DefaultJedisClientConfig.Builder config = client(millis, JedisURIHelper.getPassword(uri))
                    .database(JedisURIHelper.getDBIndex(uri))
                    .ssl(JedisURIHelper.isRedisSSLScheme(uri));
            if (JedisURIHelper.getPassword(uri) != null) {
                config.user(JedisURIHelper.getUser(uri));
            }
            provider = new PooledConnectionProvider(JedisURIHelper.getHostAndPort(uri), config.build());
            jedis = new UnifiedJedis(provider);
        }
    }

    UnifiedJedis jedis() {
        return jedis;
    }

    RedisTopology topology() {
        return topology;
    }

    /** A client on one pooled connection (to the master owning {@code key}'s slot); closing it returns it. */
    UnifiedJedis pinned(String key) {
        Connection connection = provider instanceof ClusterConnectionProvider cluster
                ? cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(key))
                : provider.getConnection();
        return new UnifiedJedis(connection);
    }

    /**
     * A pipeline over keys of any slot: on a Cluster one per master the keys live on (Jedis' cluster pipeline, which
     * routes each command by its key's slot); else one pooled connection. Closing it returns its connections.
     */
    AbstractPipeline pipeline() {
        return provider instanceof ClusterConnectionProvider cluster ? new ClusterPipeline(cluster) : jedis.pipelined();
    }

    /** The master(s) written to right now: what {@code /healthz} names. */
    String current() {
        if (provider instanceof SentineledConnectionProvider sentinel) {
            return String.valueOf(sentinel.getCurrentMaster());
        }
        if (provider instanceof ClusterConnectionProvider cluster) {
            return String.join(",", cluster.getPrimaryNodes().keySet());
        }
        return topology.describe();
    }

    /** Every master, for what must visit each one (a SCAN over the whole key space). */
    List<UnifiedJedis> perMaster() {
        if (provider instanceof ClusterConnectionProvider cluster) {
            return cluster.getPrimaryNodes().values().stream().map(pool -> new UnifiedJedis(pool.getResource())).toList();
        }
        return List.of(new UnifiedJedis(provider.getConnection()));
    }

    /** After a MOVED or a lost node: ask the cluster for its slot map again. */
    void refreshTopology() {
        if (provider instanceof ClusterConnectionProvider cluster) {
            cluster.renewSlotCache();
        }
    }

    private static DefaultJedisClientConfig.Builder client(int millis, String password) {
        return DefaultJedisClientConfig.builder().timeoutMillis(millis).password(blankToNull(password)).clientName("ivr");
    }

    private static Set<HostAndPort> set(List<HostAndPort> nodes) {
        return new LinkedHashSet<>(nodes);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
