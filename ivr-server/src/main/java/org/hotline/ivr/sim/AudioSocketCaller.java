package org.hotline.ivr.sim;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.NettyTransport;

/**
 * Asterisk's side of an AudioSocket stream, written from the protocol (not from our server's codec):
 * a uuid frame, 20 ms slin frames, DTMF frames, then silence until the server closes the socket, or a
 * hangup frame when the caller hangs up. Completes when the socket is closed.
 */
final class AudioSocketCaller {

    static final int KIND_HANGUP = 0x00;
    static final int KIND_UUID = 0x01;
    static final int KIND_DTMF = 0x03;
    static final int KIND_SLIN = 0x10;
    static final int FRAME_BYTES = 320;
    /** Asterisk gives up on a server that never ends the stream; so does the simulated caller. */
    static final Duration MAX_STREAM = Duration.ofSeconds(60);

    private final NettyTransport transport;

    AudioSocketCaller(NettyTransport transport) {
        this.transport = transport;
    }

    /** Streams {@code audio} (may be empty) then keys; completes with true if the server closed first. */
    CompletableFuture<Boolean> stream(String host, int port, String uuid, byte[] audio, String keysAfter,
                                      boolean hangUpAfter, boolean realTime, Runnable frameSent) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        ChannelFuture connect = new Bootstrap()
                .group(transport.workers())
                .channel(transport.clientChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                                // Audio the server plays back is not listened to by the simulated caller.
                                io.netty.util.ReferenceCountUtil.release(msg);
                            }

                            @Override
                            public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                                // A server ending the stream may reset the socket; the stream is over either way.
                                ctx.close();
                            }
                        });
                    }
                })
                .connect(host, port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                done.completeExceptionally(f.cause());
                return;
            }
            new Streamer(connect.channel(), uuid, audio, keysAfter, hangUpAfter, realTime, frameSent, done).start();
        });
        return done;
    }

    private static final class Streamer {
        private final Channel channel;
        private final String uuid;
        private final byte[] audio;
        private final String keys;
        private final boolean hangUpAfter;
        private final boolean realTime;
        private final Runnable frameSent;
        private final CompletableFuture<Boolean> done;
        private int offset;
        private int silentFrames;
        private ScheduledFuture<?> ticker;
        private boolean callerEnded;

        Streamer(Channel channel, String uuid, byte[] audio, String keys, boolean hangUpAfter, boolean realTime,
                 Runnable frameSent, CompletableFuture<Boolean> done) {
            this.frameSent = frameSent;
            this.channel = channel;
            this.uuid = uuid;
            this.audio = audio;
            this.keys = keys;
            this.hangUpAfter = hangUpAfter;
            this.realTime = realTime;
            this.done = done;
        }

        void start() {
            channel.closeFuture().addListener(f -> {
                if (ticker != null) {
                    ticker.cancel(false);
                }
                done.complete(!callerEnded);
            });
            channel.writeAndFlush(frame(KIND_UUID, uuidBytes(uuid)));
            long period = realTime ? 20 : 1;
            ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, period, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            if (!channel.isActive()) {
                return;
            }
            if (offset < audio.length) {
                int n = Math.min(FRAME_BYTES, audio.length - offset);
                byte[] chunk = new byte[FRAME_BYTES];
                System.arraycopy(audio, offset, chunk, 0, n);
                offset += n;
                frameSent.run();
                channel.writeAndFlush(frame(KIND_SLIN, chunk));
                return;
            }
            if (offset == audio.length) {
                offset++;
                for (char key : keys.toCharArray()) {
                    channel.writeAndFlush(frame(KIND_DTMF, new byte[] {(byte) key}));
                }
                if (hangUpAfter) {
                    callerEnded = true;
                    channel.writeAndFlush(frame(KIND_HANGUP, new byte[0])).addListener(f -> channel.close());
                    return;
                }
            }
            if (++silentFrames * 20L > MAX_STREAM.toMillis()) {
                callerEnded = true;
                channel.close();
                return;
            }
            // Line silence keeps flowing, as from a real channel, until the server ends the stream.
            frameSent.run();
            channel.writeAndFlush(frame(KIND_SLIN, new byte[FRAME_BYTES]));
        }

        private ByteBuf frame(int kind, byte[] payload) {
            ByteBuf buf = Unpooled.buffer(3 + payload.length);
            buf.writeByte(kind).writeShort(payload.length).writeBytes(payload);
            return buf;
        }

        private static byte[] uuidBytes(String text) {
            UUID id;
            try {
                id = UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                id = UUID.nameUUIDFromBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                    .array();
        }
    }
}
