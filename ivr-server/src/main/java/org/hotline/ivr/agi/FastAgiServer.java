package org.hotline.ivr.agi;

import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.ops.PeerAllowList;
import org.hotline.ivr.ops.TcpListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the FastAGI port and serves every connection on the shared event loops. */
public final class FastAgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);

    private final TcpListener listener;

    private FastAgiServer(TcpListener listener) {
        this.listener = listener;
    }

    public static FastAgiServer start(IvrConfig.Agi config, NettyTransport transport, AgiScripts scripts,
                                      AgiMetrics metrics) throws InterruptedException {
        return start(config, transport, scripts, metrics, new LiveAgiCalls(java.time.Clock.systemUTC()));
    }

    /** {@code live} learns of every call opened, so AMI can end one whose socket outlived it. */
    public static FastAgiServer start(IvrConfig.Agi config, NettyTransport transport, AgiScripts scripts,
                                      AgiMetrics metrics, LiveAgiCalls live) throws InterruptedException {
        TcpListener listener = TcpListener.bind(config.bind(), config.port(), transport,
                new FastAgiInitializer(config, new PeerAllowList(config.allowedPeers()), scripts, metrics, live));
        log.info("FastAGI listening on {} (scripts: {})", listener.address(), scripts.names());
        return new FastAgiServer(listener);
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
