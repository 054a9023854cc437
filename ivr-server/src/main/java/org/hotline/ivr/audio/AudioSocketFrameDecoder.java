package org.hotline.ivr.audio;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Bytes to {@link AudioSocketFrame}s: a 1-byte kind, a 2-byte big-endian length, the payload. Refuses
 * (with {@link AudioSocketProtocolException}) a kind Asterisk does not define, a uuid that is not 16
 * bytes, a DTMF frame that is not one byte, odd-length audio, and audio longer than
 * {@code maxFrameMillis} at its rate. After the first refusal it reads nothing more.
 */
public final class AudioSocketFrameDecoder extends ByteToMessageDecoder {

    private static final int HEADER = 3;

    private final int maxFrameMillis;
    private boolean failed;

    public AudioSocketFrameDecoder(int maxFrameMillis) {
        this.maxFrameMillis = maxFrameMillis;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER) {
            int start = in.readerIndex();
            int code = in.getUnsignedByte(start);
            int length = in.getUnsignedShort(start + 1);
            AudioSocketKind kind = AudioSocketKind.of(code);
            String problem = kind == null ? String.format("unknown frame kind 0x%02x", code) : checkLength(kind, length);
            if (problem != null) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new AudioSocketProtocolException(problem);
            }
            if (in.readableBytes() < HEADER + length) {
                return;
            }
            in.skipBytes(HEADER);
            byte[] payload = new byte[length];
            in.readBytes(payload);
            out.add(new AudioSocketFrame(kind, payload));
        }
    }

    /** Why a header announcing {@code length} bytes of {@code kind} is refused, or null when it is fine. */
    String checkLength(AudioSocketKind kind, int length) {
        if (kind == AudioSocketKind.UUID && length != 16) {
            return "uuid frame of " + length + " bytes (must be 16)";
        }
        if (kind == AudioSocketKind.DTMF && length != 1) {
            return "DTMF frame of " + length + " bytes (must be 1)";
        }
        if (kind.isAudio()) {
            if (length % 2 != 0) {
                return "odd-length audio frame (" + length + " bytes) at " + kind.sampleRate() + " Hz";
            }
            long max = maxBytes(kind);
            if (length > max) {
                return "audio frame of " + length + " bytes at " + kind.sampleRate() + " Hz exceeds "
                        + maxFrameMillis + " ms (" + max + " bytes)";
            }
        }
        if ((kind == AudioSocketKind.HANGUP || kind == AudioSocketKind.ERROR) && length > 64) {
            return kind + " frame of " + length + " bytes (at most 64)";
        }
        return null;
    }

    private long maxBytes(AudioSocketKind kind) {
        return (long) kind.sampleRate() * 2 * maxFrameMillis / 1000;
    }
}
