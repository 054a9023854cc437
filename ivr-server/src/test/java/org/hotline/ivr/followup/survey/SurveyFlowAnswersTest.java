package org.hotline.ivr.followup.survey;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.ivr.flow.FlowEnding;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The survey flow's answers reach the rates store (real Redis) and, once counted, the order; none is lost silently. */
class SurveyFlowAnswersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;
    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private SurveyStore store;
    private final List<SurveyAnswer> onOrder = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SurveyFlowAnswers.class);

    @BeforeEach
    void start() {
        redisServer = EmbeddedRedis.start(data);
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        store = new SurveyStore(redis, ZoneId.of("Asia/Shanghai"), CLOCK);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logged);
        redis.close();
        redisServer.close();
    }

    private static FlowEnding survey(String orderId, String callId) {
        return new FlowEnding(SurveyFlowAnswers.FLOW, callId, List.of(orderId),
                Map.of("resolved", "yes", "satisfaction", "satisfied"), "completed");
    }

    @Test
    void aSecondSurveyCallForTheSameOrderDoesNotOverwriteTheOrdersAnswers() {
        SurveyFlowAnswers answers = new SurveyFlowAnswers(store.andThen(onOrder::add), CLOCK);

        answers.accept(survey("WO-A1", "1764000000.1"));
        answers.accept(survey("WO-A1", "1764000000.2"));

        assertThat(onOrder).extracting(SurveyAnswer::callId).containsExactly("1764000000.1");
    }

    @Test
    void answersRedisCouldNotRecordAreLoggedInFullToBeRecoveredByHand() {
        redis.call("break the order hash", jedis -> jedis.set("ivr:{survey}:order:WO-A2", "not a hash"));
        SurveyFlowAnswers answers = new SurveyFlowAnswers(store.andThen(onOrder::add), CLOCK);

        answers.accept(survey("WO-A2", "1764000000.3"));

        assertThat(onOrder).isEmpty();
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("order=WO-A2", "call=1764000000.3", "resolved=true",
                        "satisfaction=SATISFIED", "at=2026-11-25T04:00:00Z"));
    }
}
