package org.hotline.ivr.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.queue.QueueFixture.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.redis.RedisGateway;
import org.junit.jupiter.api.Test;

class QueueModuleTest {

    @Test
    void theShippedConfigurationStartsADistributorThatRoutesToTheDemoSeats() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (QueueFixture fixture = new QueueFixture();
             RedisGateway redis = fixture.gateway();
             QueueModule module = QueueModule.start("node-1", Path.of("../config/seats.yaml"),
                     Path.of("../config/queues.yaml"), redis, metrics, new Router())) {
            CallDistributor distributor = module.distributor();
            await(distributor.login("1004"));
            await(distributor.login("1001"));

            SeatOffer offer = await(distributor.enqueue(new WaitingCall("c1", "foreign", "normal", "en", "")));

            assertThat(offer.seatId()).as("1001 has neither the foreign skill nor English").isEqualTo("1004");
            assertThat(offer.device()).isEqualTo("Local/1004@test-seat");
            assertThat(offer.ringTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(module.stats().refresh().seat("1004").orElseThrow().state()).isEqualTo("offered");
            assertThat(metrics.get("ivr.queue.waiting").tag("queue", "zh-general").gauge()).isNotNull();
        }
    }
}
