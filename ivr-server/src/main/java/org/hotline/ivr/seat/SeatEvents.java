package org.hotline.ivr.seat;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.speech.TranscriptPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;

/**
 * Redis pub/sub between nodes: whoever changes a seat (the distributor assigning a call, a hangup starting
 * wrap-up, the console itself) publishes on {@code console:seat-events:<seatId>}, and the speech side publishes
 * transcripts on the speech side's channels ({@link TranscriptPublisher#channel}); every node hears both and tells the browsers it serves.
 * One thread per node holds the subscription and re-subscribes after Redis comes back.
 */
public final class SeatEvents implements AutoCloseable {

    /** What a node does with what it hears; called on the subscriber thread, must not block long. */
    public interface Listener {
        void seatChanged(String seatId, String what);

        void transcript(String callId, String json);
    }

    public static final String SEAT_CHANNEL = "console:seat-events:";
    private static final Logger log = LoggerFactory.getLogger(SeatEvents.class);
    private static final Duration RESUBSCRIBE = Duration.ofSeconds(1);

    private final RedisGateway redis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile JedisPubSub subscription;
    private Thread thread;

    public SeatEvents(RedisGateway redis) {
        this.redis = redis;
    }

    /** Tells every node that {@code seatId} changed: {@code what} is state, pop or ended. */
    public void publish(String seatId, String what) {
        redis.call("seat event", jedis -> jedis.publish(SEAT_CHANNEL + seatId, what));
    }

    public synchronized void start(Listener listener) {
        thread = new DefaultThreadFactory("console-events", true).newThread(() -> listen(listener));
        thread.start();
    }

    private void listen(Listener listener) {
        while (running.get()) {
            JedisPubSub pubSub = new Dispatch(listener);
            subscription = pubSub;
            try {
                redis.call("seat events subscribe", jedis -> {
                    jedis.psubscribe(pubSub, SEAT_CHANNEL + "*", TranscriptPublisher.everyChannel());
                    return null;
                });
            } catch (RuntimeException e) {
                if (running.get()) {
                    log.warn("console event subscription lost ({}); subscribing again", e.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RESUBSCRIBE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once this node hears events (tests wait for it before publishing). */
    public boolean subscribed() {
        JedisPubSub current = subscription;
        return current != null && current.isSubscribed();
    }

    @Override
    public void close() {
        running.set(false);
        JedisPubSub current = subscription;
        if (current != null && current.isSubscribed()) {
            current.punsubscribe();
        }
    }

    private static final class Dispatch extends JedisPubSub {
        private final Listener listener;

        Dispatch(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            try {
                if (channel.startsWith(SEAT_CHANNEL)) {
                    listener.seatChanged(channel.substring(SEAT_CHANNEL.length()), message);
                } else {
                    TranscriptPublisher.callOf(channel).ifPresent(callId -> listener.transcript(callId, message));
                }
            } catch (RuntimeException e) {
                log.warn("console event on {} not handled: {}", channel, e.toString());
            }
        }
    }
}
