package org.hotline.ivr.followup;

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
import org.hotline.ivr.ami.AmiEndpoint;
import org.hotline.ivr.ami.AmiLinkTest;
import org.hotline.ivr.ami.AmiLinks;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.ami.FakeAmiPeer;
import org.hotline.ivr.ami.Originator;
import org.hotline.ivr.followup.survey.QuietHours;
import org.hotline.ivr.followup.survey.SurveyDialer;
import org.hotline.ivr.followup.survey.SurveyPolicy;
import org.hotline.ivr.followup.survey.SurveyRequest;
import org.hotline.ivr.followup.survey.SurveySchedule;
import org.hotline.ivr.followup.survey.SurveyStore;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A survey whose Originate reached Asterisk before the link dropped: the phone may have rung, so it is a try. */
class SurveyLinkDropTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOON = ZonedDateTime.parse("2026-11-25T12:00:00+08:00[Asia/Shanghai]").toInstant();

    @TempDir
    Path data;
    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private FakeAmiPeer peer;
    private AmiLinks links;
    private ScheduledExecutorService timers;

    @BeforeEach
    void start() throws Exception {
        redisServer = EmbeddedRedis.start(data);
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        peer = new FakeAmiPeer("ivr", "pw");
        timers = Executors.newSingleThreadScheduledExecutor();
        links = new AmiLinks(List.of(new AmiEndpoint("pbx1", "127.0.0.1", peer.port(), "ivr", "pw")), AmiLinkTest.FAST);
    }

    @AfterEach
    void stop() throws Exception {
        links.close();
        peer.close();
        timers.shutdownNow();
        redis.close();
        redisServer.close();
    }

    @Test
    void aLinkDroppedAfterTheOriginateWasSentCountsATry() throws Exception {
        Clock clock = Clock.fixed(NOON, SHANGHAI);
        SurveyPolicy policy = new SurveyPolicy("ivr-survey", "PJSIP/{number}@trunk", "12345", Duration.ofSeconds(40), 2,
                Duration.ofHours(2), SHANGHAI, Duration.ZERO, QuietHours.parse("21:00-08:00"));
        SurveyStore store = new SurveyStore(redis, SHANGHAI, clock);
        Originator originator = new Originator(links, timers);
        links.start(List.of(originator));
        Eventually.until("link up", () -> links.anyUp().isPresent());
        SurveySchedule schedule = new SurveySchedule(redis, store, new SurveyDialer(originator, store, policy, timers),
                policy, clock);
        schedule.schedule(new SurveyRequest("WO-D1", "13800138031", "环境保护", "东城街道"));

        assertThat(schedule.poll(10)).isEqualTo(1);
        peer.awaitOriginate("WO-D1");
        peer.stop();

        Instant retry = NOON.plus(Duration.ofHours(2));
        Eventually.until("due again after the retry delay", () -> schedule.dueAt("WO-D1").filter(retry::equals).isPresent());
        assertThat(store.order("WO-D1")).containsEntry("tries", "1");
    }
}
