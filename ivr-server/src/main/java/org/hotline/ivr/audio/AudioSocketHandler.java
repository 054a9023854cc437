package org.hotline.ivr.audio;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.channel.socket.SocketChannel;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Connects one AudioSocket connection to the listener expecting its uuid. The first frame must be the
 * uuid; any refusal is one log line and closes this connection only.
 */
final class AudioSocketHandler extends SimpleChannelInboundHandler<AudioSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(AudioSocketHandler.class);
    /** How long a stream we ended waits for Asterisk to close its side before we close ours. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final AudioStreams streams;
    private final AudioMetrics metrics;
    private AudioStreamListener listener;
    private UUID uuid;
    private int sampleRate;
    private StreamEnd.Reason endReason;
    private String endDetail;

    AudioSocketHandler(AudioStreams streams, AudioMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, AudioSocketFrame frame) {
        if (endReason == StreamEnd.Reason.CLOSED_BY_SERVER) {
            return; // we ended the stream: what Asterisk sent meanwhile is read and dropped until it closes
        }
        if (listener == null) {
            open(ctx, frame);
            return;
        }
        switch (frame.kind()) {
            case UUID -> refuse(ctx, "protocol", "a second uuid frame " + frame.asUuid());
            case DTMF -> listener.dtmf(frame.asDigit());
            case HANGUP -> end(ctx, StreamEnd.Reason.HANGUP, "caller hung up");
            case ERROR -> {
                log.warn("AudioSocket stream {}: Asterisk reported error code {}", uuid, frame.asErrorCode());
                end(ctx, StreamEnd.Reason.ASTERISK_ERROR, "Asterisk error code " + frame.asErrorCode());
            }
            default -> audio(ctx, frame);
        }
    }

    private void open(ChannelHandlerContext ctx, AudioSocketFrame frame) {
        if (frame.kind() != AudioSocketKind.UUID) {
            refuse(ctx, "no_uuid", frame.kind() + " frame before the uuid frame");
            return;
        }
        UUID announced = frame.asUuid();
        AudioStreamListener claimed = streams.claim(announced);
        if (claimed == null) {
            refuse(ctx, "unknown_uuid", "uuid " + announced + " is not expected by this node");
            return;
        }
        uuid = announced;
        listener = claimed;
        metrics.streamStarted();
        log.debug("AudioSocket stream {} connected from {}", uuid, ctx.channel().remoteAddress());
        listener.opened(new Control(ctx.channel(), uuid));
    }

    private void audio(ChannelHandlerContext ctx, AudioSocketFrame frame) {
        int rate = frame.kind().sampleRate();
        if (sampleRate == 0) {
            sampleRate = rate;
        } else if (rate != sampleRate) {
            refuse(ctx, "protocol", "sample rate changed from " + sampleRate + " to " + rate + " Hz mid-stream");
            return;
        }
        metrics.frame();
        listener.audio(rate, frame.payload());
    }

    private void refuse(ChannelHandlerContext ctx, String reason, String why) {
        metrics.refused(reason);
        log.warn("AudioSocket connection from {} closed: {}", ctx.channel().remoteAddress(),
                uuid == null ? why : "stream " + uuid + ": " + why);
        end(ctx, StreamEnd.Reason.PROTOCOL_ERROR, why);
    }

    private void end(ChannelHandlerContext ctx, StreamEnd.Reason reason, String detail) {
        if (endReason == null) {
            endReason = reason;
            endDetail = detail;
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            metrics.refused("idle");
            log.warn("AudioSocket connection from {} closed: nothing received for the idle timeout{}",
                    ctx.channel().remoteAddress(), uuid == null ? "" : " (stream " + uuid + ")");
            end(ctx, StreamEnd.Reason.IDLE, "idle");
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof AudioSocketProtocolException) {
            refuse(ctx, "protocol", cause.getMessage());
        } else {
            log.warn("AudioSocket connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            end(ctx, StreamEnd.Reason.DISCONNECTED, cause.toString());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (listener != null) {
            metrics.streamEnded();
            StreamEnd.Reason reason = endReason == null ? StreamEnd.Reason.DISCONNECTED : endReason;
            String detail = endDetail == null ? "socket closed by peer" : endDetail;
            AudioStreamListener ending = listener;
            listener = null;
            MDC.put("audioStream", uuid.toString());
            try {
                ending.ended(new StreamEnd(reason, detail));
            } finally {
                MDC.remove("audioStream");
            }
        }
        ctx.fireChannelInactive();
    }

    /** The listener's handle on this connection; closing from any thread is safe. */
    private final class Control implements AudioStreamControl {
        private final Channel channel;
        private final UUID id;

        Control(Channel channel, UUID id) {
            this.channel = channel;
            this.id = id;
        }

        @Override
        public UUID uuid() {
            return id;
        }

        @Override
        public SocketAddress peer() {
            return channel.remoteAddress();
        }

        @Override
        public void send(AudioSocketFrame frame) {
            channel.writeAndFlush(frame);
        }

        /**
         * Ends the stream with a FIN, never a reset: Asterisk keeps sending audio until it sees our end, and a
         * socket closed with unread bytes (or receiving more) answers with RST, which Asterisk logs as an
         * ERROR ("Failed to read header from AudioSocket because: Connection reset by peer"). So the output
         * is shut down, whatever still arrives is dropped, and the socket closes when Asterisk closes its side
         * (at once: the AudioSocket application returns on our FIN), or after {@link #LINGER} at the latest.
         */
        @Override
        public void close() {
            channel.eventLoop().execute(() -> {
                if (endReason == null) {
                    endReason = StreamEnd.Reason.CLOSED_BY_SERVER;
                    endDetail = "closed by server";
                }
                if (channel instanceof SocketChannel socket && socket.isActive() && !socket.isOutputShutdown()) {
                    socket.shutdownOutput();
                    channel.eventLoop().schedule(() -> channel.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    channel.close();
                }
            });
        }
    }
}
