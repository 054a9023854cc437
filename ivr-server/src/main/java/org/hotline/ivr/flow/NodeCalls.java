package org.hotline.ivr.flow;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The calls each node has open, so that a node's death (kill -9, power) leaves no record open: a call's id is in
 * {@code ivr:node:{<node>}:calls} from its journey's start to its end, and the node holds a lease
 * ({@code ivr:node:{<node>}:lease}, renewed every third of {@code deadAfter}). A restarted node first closes what
 * its last life left open; any live node closes the calls of a node whose lease has expired. Closing a call sets
 * its record's outcome to {@value #NODE_LOST} (unless it has one), lets it expire like any other, and takes it
 * out of the calls in the IVR. Each node's keys share one hash tag, so the claim is one atomic script on Cluster.
 */
public final class NodeCalls implements AutoCloseable {

    public static final String NODE_LOST = "node-lost";
    static final String NODES = "ivr:nodes";
    private static final Logger log = LoggerFactory.getLogger(NodeCalls.class);
    /** Takes a node's open calls when its lease is gone (or unconditionally: the node's own restart). */
    private static final String CLAIM = """
            if ARGV[1] == 'dead' and redis.call('EXISTS', KEYS[1]) == 1 then return false end
            local calls = redis.call('SMEMBERS', KEYS[2])
            redis.call('DEL', KEYS[2])
            return calls
            """;

    private final RedisGateway redis;
    private final String nodeId;
    private final Duration deadAfter;
    private ScheduledExecutorService timer;
    private JourneyStore journeys;
    private CallsInIvr inIvr;

    public NodeCalls(RedisGateway redis, String nodeId, Duration deadAfter) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.deadAfter = deadAfter;
    }

    static String callsKey(String node) {
        return "ivr:node:{" + node + "}:calls";
    }

    static String leaseKey(String node) {
        return "ivr:node:{" + node + "}:lease";
    }

    /** Written with the record's start, in the journey's order of writes. */
    void opened(UnifiedJedis jedis, String callId) {
        jedis.sadd(callsKey(nodeId), callId);
    }

    void closed(UnifiedJedis jedis, String callId) {
        jedis.srem(callsKey(nodeId), callId);
    }

    /**
     * Before this node takes a call: closes what its previous life left open and takes its lease; from then on
     * renews it and closes the calls of nodes whose lease expired. Redis away at start-up is logged, not fatal:
     * the next round does it.
     */
    public NodeCalls start(JourneyStore records, CallsInIvr calls) {
        this.journeys = records;
        this.inIvr = calls;
        try {
            int closed = close(nodeId, false);
            if (closed > 0) {
                log.warn("node {} restarted: {} call record(s) its last process left open closed as {}", nodeId,
                        closed, NODE_LOST);
            }
            renew();
        } catch (RuntimeException e) {
            log.warn("node {}: open calls of its last process not closed yet: {}", nodeId, e.getMessage());
        }
        long period = Math.max(200, deadAfter.toMillis() / 3);
        timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("node-calls", true));
        timer.scheduleWithFixedDelay(this::round, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    private void round() {
        try {
            renew();
            for (String node : redis.call("nodes", jedis -> jedis.smembers(NODES))) {
                if (!node.equals(nodeId)) {
                    closeIfDead(node);
                }
            }
        } catch (RuntimeException e) {
            log.warn("node {}: lease not renewed / dead nodes not checked: {}", nodeId, e.getMessage());
        }
    }

    private void renew() {
        redis.call("node lease", jedis -> {
            jedis.set(leaseKey(nodeId), String.valueOf(System.currentTimeMillis()),
                    SetParams.setParams().px(deadAfter.toMillis()));
            return jedis.sadd(NODES, nodeId);
        });
    }

    private void closeIfDead(String node) {
        int closed = close(node, true);
        if (closed >= 0) {
            redis.call("nodes", jedis -> jedis.srem(NODES, node));
            if (closed > 0) {
                log.warn("node {} dead (no lease for {} s): {} call record(s) it left open closed as {} by node {}",
                        node, deadAfter.toSeconds(), closed, NODE_LOST, nodeId);
            }
        }
    }

    /** Closes {@code node}'s open calls; -1 when {@code onlyIfDead} and its lease still holds. */
    private int close(String node, boolean onlyIfDead) {
        Object claimed = redis.call("claim open calls", jedis -> jedis.eval(CLAIM,
                List.of(leaseKey(node), callsKey(node)), List.of(onlyIfDead ? "dead" : "own")));
        if (!(claimed instanceof List<?> calls)) {
            return -1;
        }
        for (Object call : calls) {
            String callId = String.valueOf(call);
            journeys.closeLost(callId, NODE_LOST);
            inIvr.remove(callId);
        }
        return calls.size();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
