package org.hotline.ivr.speech;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.hotline.ivr.audio.AudioSocketFrame;
import org.hotline.ivr.audio.AudioSocketFrameEncoder;
import org.hotline.ivr.audio.AudioSocketKind;
import org.hotline.ivr.audio.AudioStreamControl;
import org.hotline.ivr.audio.AudioStreamListener;
import org.hotline.ivr.audio.AudioStreams;
import org.hotline.ivr.audio.Pcm;
import org.hotline.ivr.audio.StreamEnd;
import org.hotline.ivr.ops.NettyTransport;

/**
 * The benchmark's callers: {@code streams} AudioSocket connections, each sending 20 ms frames of
 * speech in real time, as Asterisk does. Every frame carries its send time in its first 8 bytes so the
 * server side can measure frame latency (send to the end of our processing: recording, endpointing,
 * resampling). Not a simulator of calls: only the load.
 */
final class StreamLoad {

    private static final AudioSocketFrameEncoder ENCODER = new AudioSocketFrameEncoder();

    private final Recorder latency = new Recorder(3);
    private final AtomicLong frames = new AtomicLong();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger endedEarly = new AtomicInteger();
    private final java.util.concurrent.Phaser ended = new java.util.concurrent.Phaser(1);

    Recorder latency() {
        return latency;
    }

    long frames() {
        return frames.get();
    }

    int connected() {
        return connected.get();
    }

    int endedEarly() {
        return endedEarly.get();
    }

    /** Wraps the real description so each frame's latency is measured after it has been processed. */
    AudioStreamListener timed(AudioStreamListener inner) {
        return new AudioStreamListener() {
            @Override
            public void opened(AudioStreamControl control) {
                connected.incrementAndGet();
                ended.register();
                inner.opened(control);
            }

            @Override
            public void audio(int sampleRate, byte[] pcm) {
                long sent = ByteBuffer.wrap(pcm).getLong();
                inner.audio(sampleRate, pcm);
                latency.recordValue(Math.max(0, System.nanoTime() - sent) / 1000);
                frames.incrementAndGet();
            }

            @Override
            public void dtmf(char digit) {
                inner.dtmf(digit);
            }

            @Override
            public void ended(StreamEnd end) {
                if (end.reason() != StreamEnd.Reason.HANGUP) {
                    endedEarly.incrementAndGet();
                }
                inner.ended(end);
                ended.arriveAndDeregister();
            }
        };
    }

    /** Connects every stream (uuid frame first), then sends {@code audio} in real time for {@code seconds}, then hangs up. */
    void run(NettyTransport client, int port, List<UUID> uuids, short[] audio, int seconds) throws Exception {
        Bootstrap bootstrap = new Bootstrap().group(client.workers()).channel(client.clientChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ENCODER);
                    }
                });
        List<Channel> channels = new ArrayList<>();
        for (UUID uuid : uuids) {
            ChannelFuture connect = bootstrap.connect("127.0.0.1", port).sync();
            connect.channel().writeAndFlush(AudioSocketFrame.uuid(uuid));
            channels.add(connect.channel());
        }
        List<CompletableFuture<Void>> done = new ArrayList<>();
        int offsetStep = audio.length / Math.max(1, uuids.size());
        for (int i = 0; i < channels.size(); i++) {
            done.add(stream(channels.get(i), audio, (i * offsetStep) / 160 * 160, seconds * 50, i % 20));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(seconds * 10L + 120, TimeUnit.SECONDS);
        ended.awaitAdvanceInterruptibly(ended.arrive(), 2, TimeUnit.MINUTES);
    }

    /** One caller: a frame every 20 ms on its event loop, starting at {@code start} in the looped audio. */
    private CompletableFuture<Void> stream(Channel channel, short[] audio, int start, int count, int delayMs) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicInteger sent = new AtomicInteger();
        var task = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>>();
        task.set(channel.eventLoop().scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= count || !channel.isActive()) {
                task.get().cancel(false);
                channel.writeAndFlush(AudioSocketFrame.hangup()).addListener(f -> channel.close());
                finished.complete(null);
                return;
            }
            short[] frame = new short[160];
            for (int k = 0; k < 160; k++) {
                frame[k] = audio[(start + n * 160 + k) % audio.length];
            }
            byte[] pcm = Pcm.toBytes(frame);
            ByteBuffer.wrap(pcm).putLong(System.nanoTime());
            channel.writeAndFlush(AudioSocketFrame.audio(AudioSocketKind.SLIN_8K, pcm));
        }, 20 + delayMs, 20, TimeUnit.MILLISECONDS));
        return finished;
    }

    /** Registers a timed description for each uuid. */
    static List<UUID> expect(int streams, AudioStreams registry, Descriptions descriptions, StreamLoad load,
                             DescribeOptions template) {
        List<UUID> uuids = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            UUID uuid = UUID.randomUUID();
            DescribeOptions options = new DescribeOptions("bench-" + i, template.language(), template.maxLength(),
                    template.endSilence(), template.noSpeechTimeout(), template.phrases(), template.minConfidence());
            registry.expect(uuid, load.timed(descriptions.session(uuid, options)));
            uuids.add(uuid);
        }
        return uuids;
    }
}
