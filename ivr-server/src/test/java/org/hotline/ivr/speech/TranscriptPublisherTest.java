package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/** Transcripts through a real Redis: what a seat console on another node would see. */
class TranscriptPublisherTest {

    @TempDir
    static Path data;

    private static EmbeddedRedis redis;
    private static RedisGateway gateway;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start(data);
        gateway = new RedisGateway(redis.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        redis.close();
    }

    @Test
    void partialsAndTheFinalReachSubscribersInOrderAndStayReadableForLateConsoles() throws Exception {
        String callId = "call-live-1";
        List<String> received = new CopyOnWriteArrayList<>();
        JedisPubSub subscriber = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(message);
            }
        };
        Thread listener = new Thread(() -> gateway.call("subscribe", jedis -> {
            jedis.psubscribe(subscriber, TranscriptPublisher.everyChannel());
            return null;
        }));
        listener.start();
        while (subscriber.getSubscribedChannels() == 0) {
            Thread.sleep(10);
        }
        TranscriptPublisher.CallPublisher publisher = new TranscriptPublisher(gateway, Duration.ofHours(1)).forCall(callId);
        publisher.partial(new Transcript(callId, "en", "the traffic", List.of(), false));
        publisher.partial(new Transcript(callId, "en", "the traffic light", List.of(), false));
        publisher.complete(new Transcript(callId, "en", "the traffic light is broken",
                List.of(new Word("the", 0.1, 0.2, 0.99)), true));
        publisher.flushed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 30_000;
        while (received.size() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        subscriber.punsubscribe();
        listener.join(5000);
        assertThat(received).hasSize(3);
        assertThat(received.get(0)).contains("\"kind\":\"partial\"").contains("\"text\":\"the traffic\"");
        assertThat(received.get(2)).contains("\"kind\":\"final\"").contains("\"confidence\":0.99");
        List<StreamEntry> entries = gateway.call("read", jedis -> jedis.xrange(TranscriptPublisher.streamKey(callId),
                "-", "+"));
        assertThat(entries.stream().map(e -> e.getFields().get("kind")).toList()).containsExactly("partial", "partial", "final");
        String stored = gateway.call("get", jedis -> jedis.get(TranscriptPublisher.finalKey(callId)));
        assertThat(stored).contains("the traffic light is broken");
        long ttl = gateway.call("ttl", jedis -> jedis.ttl(TranscriptPublisher.streamKey(callId)));
        assertThat(ttl).isPositive();
    }

    @Test
    void aCallWithoutAModelStillTellsTheSeatWhyThereIsNoTranscript() throws Exception {
        TranscriptPublisher.CallPublisher publisher = new TranscriptPublisher(gateway, Duration.ofHours(1)).forCall("call-2");
        publisher.noTranscript("ja", "recorded, no transcript (no ja model)", "no-model", true);
        publisher.flushed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String stored = gateway.call("get", jedis -> jedis.get(TranscriptPublisher.finalKey("call-2")));
        assertThat(stored).contains("\"note\":\"recorded, no transcript (no ja model)\"")
                .contains("\"missing\":\"no-model\"").contains("\"recordingKept\":true");
    }
}
