package org.hotline.ivr.audio;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.ConnectionLimit;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.PeerAllowList;

/** The AudioSocket pipeline: allow-list, connection cap, idle watch, frame codec, stream handler. */
final class AudioSocketInitializer extends ChannelInitializer<SocketChannel> {

    private static final AudioSocketFrameEncoder ENCODER = new AudioSocketFrameEncoder();

    private final IvrConfig.Audio config;
    private final PeerAllowList allowList;
    private final AudioStreams streams;
    private final AudioMetrics metrics;
    private final ConnectionLimit limit;

    AudioSocketInitializer(IvrConfig.Audio config, PeerAllowList allowList, AudioStreams streams, AudioMetrics metrics) {
        this.config = config;
        this.allowList = allowList;
        this.streams = streams;
        this.metrics = metrics;
        // Per peer as many as in all: the peers are the allowed Asterisks, and one of them may carry every call.
        this.limit = new ConnectionLimit("AudioSocket", new ConnectionLimit.Caps(config.maxConnections(),
                config.maxConnections()), () -> metrics.refused("too_many_connections"));
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("allow-list", allowList.filter("AudioSocket", () -> metrics.refused("peer_not_allowed")))
                .addLast("connection-limit", limit.handler())
                .addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("frame-decoder", new AudioSocketFrameDecoder(config.maxFrameMillis()))
                .addLast("frame-encoder", ENCODER)
                .addLast("stream", new AudioSocketHandler(streams, metrics));
    }
}
