package org.hotline.ivr.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.ConnectionLimit;
import org.hotline.ivr.ops.IvrConfig;

/**
 * One HTTP connection's pipeline: the connection caps (all peers, one peer), an idle timer, Netty's codec with the request line and header limits, the
 * aggregator with the body limit, then the handler that hands each request to the front door.
 */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {

    static final String IDLE = "http-idle";

    private final IvrConfig.Http config;
    private final Dispatcher dispatcher;
    private final ConnectionLimit limit;

    HttpInitializer(IvrConfig.Http config, Dispatcher dispatcher, ConnectionLimit limit) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.limit = limit;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("http-limit", limit.handler())
                .addLast(IDLE, new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec(config.maxUriBytes(), config.maxHeaderBytes(), 8192))
                .addLast(new HttpObjectAggregator(config.maxBodyBytes()))
                .addLast(HttpRequestHandler.NAME, new HttpRequestHandler(dispatcher));
    }
}
