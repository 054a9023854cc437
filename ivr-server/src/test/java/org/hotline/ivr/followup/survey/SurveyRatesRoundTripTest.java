package org.hotline.ivr.followup.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RedisProcess;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A report reads a bounded number of keys in one pipelined round trip, not one synchronous read per day (which,
 * with retries during an outage, once held web threads for minutes). Counted by a real redis-server itself: its
 * {@code total_reads_processed} goes up by one for each time a client's request bytes are read from the socket, so
 * a month read day by day would be 30 reads, and one pipeline is one.
 */
class SurveyRatesRoundTripTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path dir;
    static RedisProcess redis;
    static RedisGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(RedisProcess.installed(), "needs Debian's redis-server (.ci/run installs it)");
        redis = RedisProcess.server(dir);
        gateway = new RedisGateway("redis://127.0.0.1:" + redis.port(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aMonthsReportIsOneRoundTripToRedis() {
        SurveyStore store = new SurveyStore(gateway, ZONE, Clock.systemUTC());
        for (int day = 3; day <= 27; day += 12) {
            String order = "2026110" + day + "-rt";
            store.expect(new SurveyRequest(order, "13800138000", "traffic", "city-roads"));
            store.record(new SurveyAnswer(order, "call-" + day, true, Satisfaction.SATISFIED,
                    LocalDate.of(2026, 11, day).atTime(10, 0).atZone(ZONE).toInstant()));
        }
        store.rates(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 1)); // the gateway's connection is open now

        try (Jedis probe = redis.connect()) {
            long before = reads(probe);
            RatesReport month = store.rates(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
            long monthReads = reads(probe) - before - 1; // the probe's own INFO is one read
            assertThat(month.total().counts().surveyed()).as("the three answers of the month").isEqualTo(3);
            assertThat(monthReads).as("reads Redis made for a 30-day report").isEqualTo(1);

            before = reads(probe);
            store.rates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
            long yearReads = reads(probe) - before - 1;
            // 365 requests are 14 KB: the client may write them in a few pieces, but never one per day.
            assertThat(yearReads).as("reads Redis made for a 365-day report").isBetween(1L, 4L);
        }
    }

    private static long reads(Jedis probe) {
        return probe.info("stats").lines().filter(line -> line.startsWith("total_reads_processed:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).findFirst()
                .orElseThrow();
    }
}
