package org.hotline.ivr.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.hotline.ivr.ami.AmiLinkTest;
import org.hotline.ivr.ami.AmiServices;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.ami.FakeAmiPeer;
import org.hotline.ivr.followup.survey.SurveyRequest;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.QueueFixture;
import org.hotline.ivr.redis.RedisGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callbacks and surveys wired on a node's AMI transport, against a peer that speaks the manager protocol. */
class FollowupsTest {

    private FakeAmiPeer peer;
    private QueueFixture queue;
    private RedisGateway redis;
    private AmiServices ami;
    private Followups followups;

    @BeforeEach
    void startPeer() throws Exception {
        peer = new FakeAmiPeer("ivr", "pw");
        queue = new QueueFixture();
        redis = queue.gateway();
    }

    @AfterEach
    void stop() throws Exception {
        if (followups != null) {
            followups.close();
        }
        if (ami != null) {
            ami.close();
        }
        redis.close();
        queue.close();
        peer.close();
    }

    private void start(boolean enabled) {
        IvrConfig.Ami config = new IvrConfig.Ami(enabled,
                List.of(new IvrConfig.AmiServer("pbx1", "127.0.0.1", peer.port(), "ivr", "IVR_AMI_SECRET", "pw")));
        CallDistributor distributor = queue.unstartedNode("node-1", QueueFixture.setup(List.of(
                QueueFixture.seat("1", java.util.Map.of("general", 5), "zh"))));
        Orders orders = Orders.create(redis, Path.of("..", "config"), OrderSettings.defaults(), Clock.systemUTC());
        ami = AmiServices.create(config, AmiLinkTest.FAST);
        followups = Followups.start(config, "node-1", redis, ami, distributor, orders, new Router());
        ami.start(followups.amiSubscribers(), new HealthRegistry());
        distributor.start();
    }

    @Test
    void enabledItPlacesSurveyCallsIntoTheSurveyContext() {
        start(true);
        Eventually.until("AMI link up", () -> ami.links().anyUp().isPresent());

        followups.surveys().survey(new SurveyRequest("WO-9", "13800138009", "环境保护", "东城街道"));

        assertThat(peer.awaitOriginate("WO-9")).containsEntry("Context", "ivr-survey");
    }

    @Test
    void periodicRedisPollsRunOffTheThreadThatTimesOutOriginates() {
        start(true);
        CompletableFuture<String> thread = new CompletableFuture<>();

        followups.every(Duration.ofMillis(10), () -> thread.complete(Thread.currentThread().getName()));

        assertThat(thread).succeedsWithin(Duration.ofSeconds(10), InstanceOfAssertFactories.STRING)
                .startsWith("followup-pollers-");
    }
}
