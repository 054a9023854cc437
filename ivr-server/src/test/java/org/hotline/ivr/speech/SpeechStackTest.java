package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.audio.AudioSocketClient;
import org.hotline.ivr.audio.SpeechSamples;
import org.hotline.ivr.audio.WavReader;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.redis.EmbeddedRedis;
import org.hotline.ivr.redis.RedisGateway;
import org.hotline.ivr.redis.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's speech side as the server wires it: AudioSocket, recording, Redis, health. */
class SpeechStackTest {

    @TempDir
    Path temp;

    @Test
    void aDescribedCallEndsWithItsWavOnDiskAndTheSeatToldWhyThereIsNoTranscript() throws Exception {
        Map<String, String> env = Map.of("IVR_SPEECH_MODELS", temp.resolve("models").toString(),
                "IVR_AUDIO_RECORDINGS", temp.resolve("recordings").toString());
        IvrConfig config = new ConfigLoader(env).load(null).withPorts(0, 0, 0);
        HealthRegistry health = new HealthRegistry();
        try (EmbeddedRedis redis = EmbeddedRedis.start(temp.resolve("redis"));
             RedisGateway gateway = new RedisGateway(redis.url(), Duration.ofSeconds(2), RetryPolicy.DEFAULT);
             NettyTransport transport = new NettyTransport(2);
             SpeechStack stack = SpeechStack.start(config, transport, new SimpleMeterRegistry(), gateway, health)) {
            UUID uuid = UUID.randomUUID();
            var result = stack.descriptions().expect(uuid, DescribeOptions.describe("1732530000.7", "zh-CN", config.audio()))
                    .toCompletableFuture();
            short[] speech = SpeechSamples.padded(SpeechSamples.load("zh-02.wav").samples(), 8000, 400, 2000);
            try (AudioSocketClient asterisk = new AudioSocketClient(stack.audioPort())) {
                asterisk.uuid(uuid);
                asterisk.stream(speech, 8000);
                assertThat(asterisk.closedByServer()).isTrue();
            }
            DescriptionResult done = result.get(30, TimeUnit.SECONDS);
            assertThat(done.reason()).isEqualTo(EndReason.END_OF_SPEECH);
            assertThat(done.recording()).startsWith(temp.resolve("recordings"));
            assertThat(WavReader.read(done.recording()).seconds()).isGreaterThan(7.0);
            assertThat(done.text()).isEqualTo("recorded, no transcript (no zh model)");
            String stored = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (stored == null && System.currentTimeMillis() < deadline) {
                stored = gateway.call("get", jedis -> jedis.get(TranscriptPublisher.finalKey("1732530000.7")));
                Thread.sleep(20);
            }
            assertThat(stored).contains("recorded, no transcript (no zh model)");
            assertThat(health.report().ready()).isTrue();
            assertThat(health.report().checks()).containsKey("speech");
        }
    }
}
