package org.hotline.ivr.followup.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.hotline.ivr.ami.AmiLinkPolicy;
import org.hotline.ivr.ami.AmiLinks;
import org.hotline.ivr.ami.Originator;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a closed order's survey is due, in Redis, and what a missing AMI link does to it (no link configured). */
class SurveyScheduleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 20:30 in Shanghai: half an hour before the quiet hours. */
    private static final Instant EVENING = ZonedDateTime.parse("2026-11-25T20:30:00+08:00[Asia/Shanghai]").toInstant();

    @TempDir
    Path data;
    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private AmiLinks noLinks;
    private ScheduledExecutorService timers;

    @BeforeEach
    void start() {
        redisServer = EmbeddedRedis.start(data);
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        noLinks = new AmiLinks(List.of(), AmiLinkPolicy.defaults());
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        redis.close();
        redisServer.close();
    }

    private SurveySchedule schedule(Clock clock, Duration delay) {
        SurveyPolicy policy = new SurveyPolicy("ivr-survey", "PJSIP/{number}@trunk", "12345", Duration.ofSeconds(40), 2,
                Duration.ofHours(2), SHANGHAI, delay, QuietHours.parse("21:00-08:00"));
        SurveyStore store = new SurveyStore(redis, SHANGHAI, clock);
        return new SurveySchedule(redis, store, new SurveyDialer(new Originator(noLinks, timers), store, policy, timers),
                policy, clock);
    }

    @Test
    void aSurveyDueInTheQuietHoursWaitsForTheMorning() {
        SurveySchedule schedule = schedule(Clock.fixed(EVENING, SHANGHAI), Duration.ofHours(1));

        Instant due = schedule.schedule(new SurveyRequest("WO-Q1", "13800138021", "环境保护", "东城街道"));

        Instant morning = ZonedDateTime.parse("2026-11-26T08:00:00+08:00[Asia/Shanghai]").toInstant();
        assertThat(due).isEqualTo(morning);
        assertThat(schedule.dueAt("WO-Q1")).contains(morning);
        assertThat(schedule.poll(10)).as("not due yet").isZero();
    }

    @Test
    void withoutAnAmiLinkADueSurveyWaitsWithoutUsingATry() throws Exception {
        SurveySchedule schedule = schedule(Clock.fixed(EVENING, SHANGHAI), Duration.ZERO);
        schedule.schedule(new SurveyRequest("WO-Q2", "13800138022", "环境保护", "东城街道"));

        assertThat(schedule.poll(10)).isEqualTo(1);

        Instant again = EVENING.plus(SurveySchedule.NO_LINK_RETRY);
        org.hotline.ivr.ami.Eventually.until("due again after the link wait", () -> schedule.dueAt("WO-Q2").isPresent());
        assertThat(schedule.dueAt("WO-Q2")).contains(again);
        assertThat(new SurveyStore(redis, SHANGHAI, Clock.systemUTC()).order("WO-Q2"))
                .containsEntry("tries", "0").doesNotContainKey("notReachedAt");
    }

    @Test
    void aSurveyThatCannotBePlacedStaysClaimedAndTheRestOfTheBatchIsPlaced() {
        SurveySchedule schedule = schedule(Clock.fixed(EVENING, SHANGHAI), Duration.ZERO);
        // an order hash Redis refuses to read (wrong type) makes placing WO-B1 throw
        redis.call("break WO-B1", jedis -> {
            jedis.set("ivr:{survey}:order:WO-B1", "not a hash");
            return jedis.zadd("ivr:{survey}:due", EVENING.toEpochMilli(), "WO-B1");
        });
        schedule.schedule(new SurveyRequest("WO-B2", "13800138023", "环境保护", "东城街道"));

        assertThat(schedule.poll(10)).isEqualTo(2);

        assertThat(schedule.dueAt("WO-B2")).as("placed: waits for a link").contains(EVENING.plus(SurveySchedule.NO_LINK_RETRY));
        assertThat(schedule.dueAt("WO-B1")).as("kept, claimed again when the lease ends")
                .contains(EVENING.plus(Duration.ofSeconds(40)).plus(SurveySchedule.LEASE_MARGIN));
    }

    @Test
    void aClosedEventHandedAgainLeavesTheScheduledSurveyAsItIs() {
        SurveySchedule schedule = schedule(Clock.fixed(EVENING, SHANGHAI), Duration.ZERO);
        SurveyRequest request = new SurveyRequest("WO-R1", "13800138024", "环境保护", "东城街道");
        Instant due = schedule.schedule(request);
        redis.call("a try was made", jedis -> {
            jedis.hset("ivr:{survey}:order:WO-R1", "tries", "1");
            return jedis.zadd("ivr:{survey}:due", due.plus(Duration.ofHours(2)).toEpochMilli(), "WO-R1");
        });

        assertThat(schedule.schedule(request)).isEqualTo(due.plus(Duration.ofHours(2)));

        assertThat(schedule.dueAt("WO-R1")).contains(due.plus(Duration.ofHours(2)));
        assertThat(new SurveyStore(redis, SHANGHAI, Clock.systemUTC()).order("WO-R1")).containsEntry("tries", "1");
    }
}
