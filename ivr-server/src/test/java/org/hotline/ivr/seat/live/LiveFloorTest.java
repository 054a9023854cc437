package org.hotline.ivr.seat.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline.ivr.queue.QueueStats;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.hotline.ivr.seat.FloorView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor view's day figures on a real redis-server: the queue's counters run since it was first used, so today's
 * answered and abandoned calls, and each hour's, come from the counters as first seen in each hour (Asia/Shanghai).
 */
class LiveFloorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;
    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private final AtomicReference<Instant> now = new AtomicReference<>();
    private final AtomicReference<QueueStats> stats = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        redisServer = EmbeddedRedis.start(dir.resolve("redis"));
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
    }

    @AfterEach
    void stop() {
        redis.close();
        redisServer.close();
    }

    @Test
    void todaysCallsAreCountedHourByHourFromTheCountersFirstSeenInEachHour() {
        LiveFloor floor = new LiveFloor(stats::get, callId -> callId.equals("held-call"), redis, clock(), SHANGHAI);
        // Before today: 40 answered and 5 abandoned since the queue was first used.
        at("2026-12-02T08:10:00", 40, 5, "");
        FloorView first = floor.snapshot();
        assertThat(first.queues().get(0).answeredToday()).isZero();
        at("2026-12-02T08:50:00", 46, 6, "held-call");
        FloorView sameHour = floor.snapshot();
        assertThat(sameHour.queues().get(0).answeredToday()).isEqualTo(6);
        assertThat(sameHour.seats().get(0).held()).isTrue();
        at("2026-12-02T10:05:00", 60, 9, "");
        FloorView later = floor.snapshot();

        assertThat(later.day()).isEqualTo("2026-12-02");
        assertThat(later.queues().get(0).answeredToday()).isEqualTo(20);
        assertThat(later.queues().get(0).abandonedToday()).isEqualTo(4);
        // 08:10 -> 10:05 (nobody looked at 09:xx, so 9 o'clock's calls are in 8's bar); 10 o'clock has none yet
        assertThat(later.hours()).containsExactly(new FloorView.Hour(8, 20, 4), new FloorView.Hour(10, 0, 0));
        assertThat(later.seats().get(0).held()).isFalse();
        assertThat(later.seats().get(0).state()).isEqualTo("oncall");
    }

    private void at(String localTime, long answered, long abandoned, String callId) {
        now.set(java.time.LocalDateTime.parse(localTime).atZone(SHANGHAI).toInstant());
        stats.set(new QueueStats(now.get(), List.of(new QueueStats.Queue("zh-general", "普通话", 0, 0, null, 0.8, null,
                95.0, 1, 2, answered + abandoned, answered, abandoned, answered, 0, 0, 0)),
                List.of(new QueueStats.Seat("1001", "Wang Fang", "oncall", "", 12, 3, "zh-general", callId))));
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
