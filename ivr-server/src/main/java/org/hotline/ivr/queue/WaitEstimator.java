package org.hotline.ivr.queue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * Expected wait from what Redis knows now: the caller's position, the seats staffing the queue, and the
 * recent handling times of the queue (plus its wrap-up). With {@code n} staffed seats each finishing a
 * call every (handling + wrap-up) on average, the caller at position {@code p} is reached after about
 * {@code p / n} of those cycles. No staffed seat: no estimate, rather than a made-up one.
 */
final class WaitEstimator {

    private final QueueSetup setup;
    private final Duration defaultHandleTime;

    WaitEstimator(QueueSetup setup, Duration defaultHandleTime) {
        this.setup = setup;
        this.defaultHandleTime = defaultHandleTime;
    }

    WaitEstimate estimate(JsonNode peek) {
        Duration waited = Duration.ofMillis(peek.path("waited").asLong());
        int position = peek.path("position").asInt();
        if (!"waiting".equals(peek.path("state").asText()) || position <= 0) {
            return new WaitEstimate(0, Optional.of(Duration.ZERO), waited);
        }
        int staffed = peek.path("staffed").asInt();
        int ready = peek.path("ready").asInt();
        if (ready >= position) {
            return new WaitEstimate(position, Optional.of(Duration.ZERO), waited);
        }
        if (staffed == 0) {
            return new WaitEstimate(position, Optional.empty(), waited);
        }
        Duration wrapUp = setup.queue(peek.path("queue").asText()).map(QueueConfig::wrapUp).orElse(Duration.ZERO);
        long cycleMillis = averageHandleMillis(peek.path("recent")) + wrapUp.toMillis();
        long expected = Math.round((double) position * cycleMillis / staffed);
        return new WaitEstimate(position, Optional.of(Duration.ofMillis(expected)), waited);
    }

    private long averageHandleMillis(JsonNode recent) {
        if (!recent.isArray() || recent.isEmpty()) {
            return defaultHandleTime.toMillis();
        }
        long sum = 0;
        for (JsonNode handled : recent) {
            sum += handled.asLong();
        }
        return sum / recent.size();
    }
}
