package org.hotline.ivr.agi;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.ops.PeerAllowList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the FastAGI port and serves every connection on the shared event loops. */
public final class FastAgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);

    private final Channel serverChannel;

    private FastAgiServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static FastAgiServer start(IvrConfig.Agi config, NettyTransport transport, AgiScripts scripts,
                                      AgiMetrics metrics) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new FastAgiInitializer(config, new PeerAllowList(config.allowedPeers()), scripts, metrics));
        Channel channel = bootstrap.bind(config.bind(), config.port()).sync().channel();
        log.info("FastAGI listening on {} (scripts: {})", channel.localAddress(), scripts.names());
        return new FastAgiServer(channel);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
