package org.hotline.ivr.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.ops.TcpListener;

/**
 * The floor of the benchmark: the least a Java server on Netty can do for the same conversation. It
 * counts newlines in the bytes it reads (no decoding, no parsing, no limits), waits for the blank line
 * that ends the environment, then answers each reply line with the next of the {@link CommandMix}'s
 * command lines, encoded once at start, and closes after the last. What this costs per command is the
 * event loop and the sockets; a real server's figure above it is what its own code costs.
 */
final class FloorServer {

    private FloorServer() {
    }

    static TcpListener start(NettyTransport transport, BenchProbe probe, int commands) throws InterruptedException {
        ByteBuf[] lines = new ByteBuf[commands];
        for (int i = 0; i < commands; i++) {
            byte[] line = (CommandMix.command(i, commands).buildCommand() + "\n").getBytes(StandardCharsets.UTF_8);
            lines[i] = Unpooled.unreleasableBuffer(Unpooled.directBuffer(line.length).writeBytes(line)).asReadOnly();
        }
        return TcpListener.bind("127.0.0.1", 0, transport, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new Conversation(lines, probe));
            }
        });
    }

    /** One call: environment lines until a blank one, then one command per reply line. */
    private static final class Conversation extends ChannelInboundHandlerAdapter {
        private final ByteBuf[] lines;
        private final BenchProbe probe;
        private boolean inEnvironment = true;
        private boolean lineWasEmpty = true;
        private int next;
        private long sentAt;

        Conversation(ByteBuf[] lines, BenchProbe probe) {
            this.lines = lines;
            this.probe = probe;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
                    byte b = in.getByte(i);
                    if (b == '\n') {
                        endOfLine(ctx);
                    } else {
                        lineWasEmpty = false;
                    }
                }
            } finally {
                in.release();
            }
        }

        private void endOfLine(ChannelHandlerContext ctx) {
            boolean empty = lineWasEmpty;
            lineWasEmpty = true;
            if (next > lines.length) {
                return; // the simulator's HANGUP notice after the last reply
            }
            if (inEnvironment) {
                if (empty) {
                    inEnvironment = false;
                    probe.callStarted();
                    send(ctx);
                }
                return;
            }
            probe.commandDone(System.nanoTime() - sentAt);
            if (next == lines.length) {
                next++;
                probe.callEnded(true);
                ctx.close();
            } else {
                send(ctx);
            }
        }

        private void send(ChannelHandlerContext ctx) {
            sentAt = System.nanoTime();
            ctx.writeAndFlush(lines[next++].duplicate());
        }
    }
}
