package org.hotline.ivr.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;

/**
 * A bound call-protocol port (FastAGI, AudioSocket) on the shared event loops: large accept backlog for
 * call bursts, no Nagle delay on the small command and frame writes.
 */
public final class TcpListener implements AutoCloseable {

    private final Channel serverChannel;

    private TcpListener(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static TcpListener bind(String host, int port, NettyTransport transport,
                                   ChannelInitializer<SocketChannel> pipeline) throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(pipeline)
                .bind(host, port).sync().channel();
        return new TcpListener(channel);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
