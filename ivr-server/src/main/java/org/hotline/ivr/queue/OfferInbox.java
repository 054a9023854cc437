package org.hotline.ivr.queue;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.function.Consumer;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.util.KeyValue;

/**
 * Offers for this node's calls that another node decided: the script pushes them onto
 * {@code {q:group}:inbox:<node>}, a list, so none is lost while this node is briefly away from Redis.
 * One daemon thread per group blocks on it.
 */
final class OfferInbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OfferInbox.class);
    /** Below the Redis socket timeout, so a quiet inbox never looks like a dead connection. */
    private static final double BLOCK_SECONDS = 1.0;

    private final RedisGateway redis;
    private final String key;
    private final Consumer<String> onOffer;
    private final Thread thread;
    private volatile boolean running = true;

    OfferInbox(RedisGateway redis, String tag, String nodeId, Consumer<String> onOffer) {
        this.redis = redis;
        this.key = tag + ":inbox:" + nodeId;
        this.onOffer = onOffer;
        this.thread = new DefaultThreadFactory("queue-inbox-" + tag, true).newThread(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                KeyValue<String, String> popped = redis.call("queue inbox", jedis -> jedis.blpop(BLOCK_SECONDS, key));
                if (popped != null) {
                    onOffer.accept(popped.getValue());
                }
            } catch (RedisUnavailableException e) {
                log.warn("offer inbox {}: {}", key, e.getMessage());
            } catch (RuntimeException e) {
                if (running) {
                    log.error("offer inbox {} failed on one offer", key, e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join((long) (BLOCK_SECONDS * 2000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
