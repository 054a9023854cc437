package org.hotline.ivr.sim;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.ivr.ops.NettyTransport;

/**
 * Places simulated calls on a FastAGI server, as Asterisk does: one TCP connection per call. Thousands
 * can run at once on a few threads.
 */
public final class SimClient implements AutoCloseable {

    private final NettyTransport transport;
    private final boolean ownsTransport;
    private final String host;
    private final int port;
    private final boolean keepEvents;
    private final AudioSocketCaller audio;
    private final FrameSent frameSent;
    private final AtomicLong sequence = new AtomicLong();

    /** A client on its own event loops. {@code keepEvents=false} keeps only counts, for load tests. */
    public SimClient(String host, int port, boolean keepEvents) {
        this(new NettyTransport(Math.max(1, Runtime.getRuntime().availableProcessors())), true, host, port, keepEvents,
                FrameSent.NONE);
    }

    /**
     * A client on {@code transport}'s event loops (the caller closes it), telling {@code frameSent} of every audio
     * frame its callers send: for a load benchmark that keeps the load generator's threads apart from the server's.
     */
    public SimClient(NettyTransport transport, String host, int port, boolean keepEvents, FrameSent frameSent) {
        this(transport, false, host, port, keepEvents, frameSent);
    }

    private SimClient(NettyTransport transport, boolean ownsTransport, String host, int port, boolean keepEvents,
                      FrameSent frameSent) {
        this.frameSent = frameSent;
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.host = host;
        this.port = port;
        this.keepEvents = keepEvents;
        this.audio = new AudioSocketCaller(transport);
    }

    public CompletableFuture<CallRecord> call(CallScenario scenario) {
        return call(scenario, SimListener.NONE);
    }

    public CompletableFuture<CallRecord> call(CallScenario scenario, SimListener listener) {
        String uniqueId = "sim-" + ProcessHandle.current().pid() + "." + sequence.incrementAndGet();
        SimCallHandler handler = new SimCallHandler(scenario, uniqueId, host, port, keepEvents, listener, audio, frameSent, this::call);
        new Bootstrap()
                .group(transport.workers())
                .channel(transport.clientChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new LineBasedFrameDecoder(64 * 1024))
                                .addLast(new StringDecoder(StandardCharsets.UTF_8))
                                .addLast(new StringEncoder(StandardCharsets.UTF_8))
                                .addLast(handler);
                    }
                })
                .connect(host, port)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        handler.failed(f.cause());
                    }
                });
        return handler.result();
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }
}
