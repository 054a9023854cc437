package org.hotline.ivr.audio;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.ops.PeerAllowList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the AudioSocket port and serves every stream on the shared event loops. */
public final class AudioSocketServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AudioSocketServer.class);

    private final Channel serverChannel;

    private AudioSocketServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static AudioSocketServer start(IvrConfig.Audio config, NettyTransport transport, AudioStreams streams,
                                          AudioMetrics metrics) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new AudioSocketInitializer(config, new PeerAllowList(config.allowedPeers()), streams, metrics));
        Channel channel = bootstrap.bind(config.bind(), config.port()).sync().channel();
        log.info("AudioSocket listening on {} (Asterisk connects to {})", channel.localAddress(), config.advertiseHost());
        return new AudioSocketServer(channel);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
