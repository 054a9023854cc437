package org.hotline.ivr.audio;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** {@link AudioSocketFrame}s to bytes: kind, big-endian length, payload. Stateless, so shared. */
@ChannelHandler.Sharable
public final class AudioSocketFrameEncoder extends MessageToByteEncoder<AudioSocketFrame> {

    @Override
    protected void encode(ChannelHandlerContext ctx, AudioSocketFrame frame, ByteBuf out) {
        if (frame.payload().length > 0xffff) {
            throw new IllegalArgumentException("AudioSocket payload of " + frame.payload().length + " bytes exceeds 65535");
        }
        out.writeByte(frame.kind().code());
        out.writeShort(frame.payload().length);
        out.writeBytes(frame.payload());
    }
}
