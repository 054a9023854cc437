package org.hotline.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.hotline.ivr.ami.survey.SurveyPolicy;
import org.hotline.ivr.ami.survey.SurveyRequest;
import org.hotline.ivr.ops.HealthCheck;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmiServicesTest {

    @TempDir
    Path data;
    private EmbeddedRedis redisServer;
    private RedisGateway redis;
    private FakeAmiPeer peer;
    private AmiServices services;
    private final HealthRegistry health = new HealthRegistry();

    @BeforeEach
    void start() throws Exception {
        redisServer = EmbeddedRedis.start(data);
        redis = new RedisGateway(redisServer.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
        peer = new FakeAmiPeer("ivr", "pw");
    }

    @AfterEach
    void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        peer.close();
        redis.close();
        redisServer.close();
    }

    private AmiServices start(boolean enabled) {
        IvrConfig.Ami config = new IvrConfig.Ami(enabled,
                List.of(new IvrConfig.AmiServer("pbx1", "127.0.0.1", peer.port(), "ivr", "IVR_AMI_SECRET", "pw")));
        AmiServices.Sinks sinks = new AmiServices.Sinks((server, device) -> Optional.empty(),
                new SeatDeviceWatchTest.SeatBoard(), new HangupWatchTest.Calls(), (request, outcome) -> { },
                answer -> true);
        services = AmiServices.start(config, AmiLinkTest.FAST, CallbackPolicy.defaults(), SurveyPolicy.defaults(), sinks,
                new AmiServices.Hooks(redis, new Router(), health));
        return services;
    }

    @Test
    void enabledItConnectsShowsEachLinkInHealthAndPlacesSurveyCalls() {
        start(true);

        Eventually.until("ami healthy", () -> health.report().checks().get("ami").up());
        HealthCheck.Status ami = health.report().checks().get("ami");
        assertThat(ami.required()).isFalse();
        Object pbx1 = ((Map<?, ?>) ami.detail()).get("pbx1");
        assertThat(pbx1).isInstanceOf(AmiLinkStatus.class);
        assertThat(((AmiLinkStatus) pbx1).state()).isEqualTo(AmiLinkState.UP);

        services.surveys().survey(new SurveyRequest("WO-9", "13800138009", "环境保护", "东城街道"));
        assertThat(peer.awaitOriginate("WO-9")).containsEntry("Context", "ivr-survey");
    }

    @Test
    void periodicRedisPollsRunOffTheThreadThatTimesOutOriginates() {
        start(true);
        CompletableFuture<String> thread = new CompletableFuture<>();

        services.whileEnabled(Duration.ofMillis(10), () -> thread.complete(Thread.currentThread().getName()));

        assertThat(thread).succeedsWithin(Duration.ofSeconds(10), InstanceOfAssertFactories.STRING).startsWith("ami-pollers-");
    }

    @Test
    void disabledItConnectsNowhereAndSaysSo() {
        start(false);

        HealthCheck.Status ami = health.report().checks().get("ami");
        assertThat(ami.up()).isTrue();
        assertThat(ami.detail().toString()).contains("disabled");
        assertThat(peer.actions()).isEmpty();
    }
}
