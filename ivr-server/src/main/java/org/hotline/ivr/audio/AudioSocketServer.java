package org.hotline.ivr.audio;

import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.ops.PeerAllowList;
import org.hotline.ivr.ops.TcpListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the AudioSocket port and serves every stream on the shared event loops. */
public final class AudioSocketServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AudioSocketServer.class);

    private final TcpListener listener;

    private AudioSocketServer(TcpListener listener) {
        this.listener = listener;
    }

    public static AudioSocketServer start(IvrConfig.Audio config, NettyTransport transport, AudioStreams streams,
                                          AudioMetrics metrics) throws InterruptedException {
        TcpListener listener = TcpListener.bind(config.bind(), config.port(), transport,
                new AudioSocketInitializer(config, new PeerAllowList(config.allowedPeers()), streams, metrics));
        log.info("AudioSocket listening on {} (Asterisk connects to {})", listener.address(), config.advertiseHost());
        return new AudioSocketServer(listener);
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
