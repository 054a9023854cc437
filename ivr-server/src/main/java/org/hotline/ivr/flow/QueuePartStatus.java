package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.queue.QueueStatsPoller;

/**
 * Queue conditions from the queue part's latest statistics: calls waiting, and the longest current wait as
 * the expected wait (the poller refreshes them; no Redis round trip per call). An unknown queue reads empty.
 */
public final class QueuePartStatus implements FlowServices.QueueStatus {

    private final QueueStatsPoller stats;

    public QueuePartStatus(QueueStatsPoller stats) {
        this.stats = stats;
    }

    @Override
    public CompletionStage<FlowServices.QueueLoad> load(String queue) {
        QueueStats latest = stats.latest();
        return CompletableFuture.completedFuture(latest.queue(queue)
                .map(q -> new FlowServices.QueueLoad((int) q.waiting(), Duration.ofMillis((long) (q.longestWaitSeconds() * 1000))))
                .orElse(new FlowServices.QueueLoad(0, Duration.ZERO)));
    }
}
