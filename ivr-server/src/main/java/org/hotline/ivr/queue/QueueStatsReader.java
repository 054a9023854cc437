package org.hotline.ivr.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the {@code stats} script's answer into {@link QueueStats}, filling in seats that never logged in. */
final class QueueStatsReader {

    private final QueueSetup setup;
    private final Clock clock;

    QueueStatsReader(QueueSetup setup, Clock clock) {
        this.setup = setup;
        this.clock = clock;
    }

    QueueStats read(List<JsonNode> groups) {
        long now = clock.millis();
        Map<String, JsonNode> queues = new HashMap<>();
        Map<String, JsonNode> seats = new HashMap<>();
        for (JsonNode group : groups) {
            group.path("queues").forEach(q -> queues.put(q.path("id").asText(), q));
            group.path("seats").forEach(s -> seats.put(s.path("id").asText(), s));
        }
        List<QueueStats.Queue> queueStats = new ArrayList<>();
        for (QueueConfig config : setup.queues()) {
            queueStats.add(queue(config, queues.getOrDefault(config.id(), MissingNode.getInstance())));
        }
        List<QueueStats.Seat> seatStats = new ArrayList<>();
        for (SeatConfig config : setup.seats()) {
            JsonNode seat = seats.get(config.id());
            if (seat == null) {
                seatStats.add(new QueueStats.Seat(config.id(), config.name(), SeatState.LOGGED_OUT.code(), "", 0, 0, "", ""));
            } else {
                seatStats.add(new QueueStats.Seat(config.id(), config.name(), seat.path("state").asText("out"),
                        seat.path("reason").asText(), (now - seat.path("since").asLong(now)) / 1000.0,
                        seat.path("calls").asLong(), seat.path("queue").asText(), seat.path("call").asText()));
            }
        }
        return new QueueStats(Instant.ofEpochMilli(now), queueStats, seatStats);
    }

    private static QueueStats.Queue queue(QueueConfig config, JsonNode q) {
        Map<String, Long> counters = counters(q.path("counters"));
        long answered = counters.getOrDefault("answered", 0L);
        long abandoned = counters.getOrDefault("abandoned", 0L);
        long finished = answered + abandoned;
        Double serviceLevel = finished == 0 ? null : counters.getOrDefault("answeredInSl", 0L) / (double) finished;
        Double abandonRate = finished == 0 ? null : abandoned / (double) finished;
        return new QueueStats.Queue(config.id(), config.name(), q.path("waiting").asLong(),
                q.path("longestWait").asLong() / 1000.0, serviceLevel, config.serviceLevelTarget(), abandonRate,
                averageSeconds(q.path("recent")), q.path("ready").asLong(), q.path("staffed").asLong(),
                counters.getOrDefault("entered", 0L), answered, abandoned, counters.getOrDefault("handled", 0L),
                counters.getOrDefault("callbacks", 0L), counters.getOrDefault("overflowed", 0L),
                counters.getOrDefault("lost", 0L));
    }

    /** HGETALL comes back as [name, value, name, value ...]. */
    private static Map<String, Long> counters(JsonNode flat) {
        Map<String, Long> out = new HashMap<>();
        if (flat.isArray()) {
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                out.put(flat.get(i).asText(), flat.get(i + 1).asLong());
            }
        }
        return out;
    }

    private static Double averageSeconds(JsonNode recent) {
        if (!recent.isArray() || recent.isEmpty()) {
            return null;
        }
        long sum = 0;
        for (JsonNode handled : recent) {
            sum += handled.asLong();
        }
        return sum / 1000.0 / recent.size();
    }
}
