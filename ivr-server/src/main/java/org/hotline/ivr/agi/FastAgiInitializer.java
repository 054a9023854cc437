package org.hotline.ivr.agi;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.ConnectionLimit;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.PeerAllowList;

/** The FastAGI pipeline: allow-list, connection cap, idle watch, line framing, environment, replies, commands, session. */
final class FastAgiInitializer extends ChannelInitializer<SocketChannel> {

    private static final AgiCommandEncoder ENCODER = new AgiCommandEncoder();

    private final IvrConfig.Agi config;
    private final PeerAllowList allowList;
    private final AgiScripts scripts;
    private final AgiMetrics metrics;
    private final LiveAgiCalls live;
    private final ConnectionLimit limit;

    FastAgiInitializer(IvrConfig.Agi config, PeerAllowList allowList, AgiScripts scripts, AgiMetrics metrics,
                       LiveAgiCalls live) {
        this.config = config;
        this.allowList = allowList;
        this.scripts = scripts;
        this.metrics = metrics;
        this.live = live;
        // Per peer as many as in all: the peers are the allowed Asterisks, and one of them may carry every call.
        this.limit = new ConnectionLimit("FastAGI", new ConnectionLimit.Caps(config.maxConnections(),
                config.maxConnections()), () -> metrics.closed("too_many_connections"));
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        long idle = config.idleTimeout().toMillis();
        ch.pipeline()
                .addLast("allow-list", allowList.filter("AGI", () -> metrics.closed("peer_not_allowed")))
                .addLast("connection-limit", limit.handler())
                // Reader idle: every command is answered, so silence from Asterisk is the call's idleness, and a
                // reader-only watch adds nothing to the writes (an all-idle watch puts a listener on every one).
                .addLast("idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS))
                .addLast("lines", new LineBasedFrameDecoder(config.maxLineLength(), true, true))
                .addLast("agi-request-decoder", new AgiRequestDecoder(config.maxVariables(), config.requestTimeout()))
                .addLast("agi-command-encoder", ENCODER)
                .addLast("agi-session", new AgiSessionHandler(scripts, metrics, live, config.hangupGrace()));
    }
}
