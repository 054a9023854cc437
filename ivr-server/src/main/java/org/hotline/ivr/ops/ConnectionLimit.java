package org.hotline.ivr.ops;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many connections one listening port holds open at once, all peers together and from one address: a peer
 * that opens sockets and never closes them reaches its cap and is refused, so it cannot use up the process's
 * file descriptors, which the other ports (and their calls) share. A refused connection is closed at once; the
 * refusals are logged at most once a {@link #LOG_EVERY} per port, with how many there were.
 */
public final class ConnectionLimit {

    static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

    /** The numbers the port is held to. */
    public record Caps(int total, int perPeer) {
        public Caps {
            if (total < 1 || perPeer < 1) {
                throw new IllegalArgumentException("connection caps must be at least 1: " + total + "/" + perPeer);
            }
        }
    }

    private final String protocol;
    private final Caps caps;
    private final Runnable onRefuse;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byPeer = new ConcurrentHashMap<>();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(Long.MIN_VALUE);
    private final Handler handler = new Handler();

    /** {@code protocol} names the port in the log; {@code onRefuse} counts each refusal (a metric). */
    public ConnectionLimit(String protocol, Caps caps, Runnable onRefuse) {
        this.protocol = protocol;
        this.caps = caps;
        this.onRefuse = onRefuse;
    }

    /** The handler to put first in every connection's pipeline (one instance is shared by all of them). */
    public ChannelHandler handler() {
        return handler;
    }

    /** Connections open now, for the tests and a gauge. */
    public int open() {
        return open.get();
    }

    private boolean admit(InetAddress peer) {
        if (open.incrementAndGet() > caps.total()) {
            open.decrementAndGet();
            refused(peer, "this port's " + caps.total() + " connections are open");
            return false;
        }
        AtomicInteger mine = byPeer.computeIfAbsent(peer, key -> new AtomicInteger());
        if (mine.incrementAndGet() > caps.perPeer()) {
            release(peer);
            open.decrementAndGet();
            refused(peer, "it holds " + caps.perPeer() + " connections already");
            return false;
        }
        return true;
    }

    private void release(InetAddress peer) {
        // Removed only while still at zero, so a count another connection just raised is never lost.
        byPeer.computeIfPresent(peer, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private void refused(InetAddress peer, String why) {
        onRefuse.run();
        long refused = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if ((last == Long.MIN_VALUE || now - last >= LOG_EVERY.toNanos()) && lastLog.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-refused);
            log.warn("{} connection from {} refused: {} ({} refused since the last such line)", protocol,
                    peer.getHostAddress(), why, refused);
        }
    }

    @ChannelHandler.Sharable
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            InetAddress peer = address(ctx.channel().remoteAddress());
            if (!admit(peer)) {
                // Nothing is read from a refused connection: it is closed before any handler after this sees it.
                ctx.channel().config().setAutoRead(false);
                ctx.close();
                return;
            }
            ctx.channel().closeFuture().addListener((ChannelFutureListener) closed -> {
                release(peer);
                open.decrementAndGet();
            });
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }
}
