package org.hotline.ivr.queue;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the stats from Redis every few seconds on a thread of its own, so the HTTP endpoint and metric
 * scrapes (which run on event loops) only ever read the latest snapshot and never wait on Redis.
 */
public final class QueueStatsPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueStatsPoller.class);

    private final CallDistributor distributor;
    private final QueueStatsReader reader;
    private final AtomicReference<QueueStats> latest = new AtomicReference<>(QueueStats.EMPTY);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("queue-stats", true));

    public QueueStatsPoller(CallDistributor distributor, Clock clock) {
        this.distributor = distributor;
        this.reader = new QueueStatsReader(distributor.setup(), clock);
    }

    public QueueStatsPoller start(Duration every) {
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reads Redis now, on this thread. */
    public QueueStats refresh() {
        QueueStats stats = reader.read(distributor.rawStats());
        latest.set(stats);
        return stats;
    }

    public QueueStats latest() {
        return latest.get();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("queue stats not refreshed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
