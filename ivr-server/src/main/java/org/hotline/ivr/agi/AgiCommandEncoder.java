package org.hotline.ivr.agi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes one command line (the text {@link AgiCommandChannel} built once from an asterisk-java command)
 * as the single line Asterisk reads.
 */
@Sharable
public final class AgiCommandEncoder extends MessageToByteEncoder<String> {

    public AgiCommandEncoder() {
        super(String.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, String text, boolean preferDirect) {
        return ctx.alloc().ioBuffer(ByteBufUtil.utf8MaxBytes(text) + 1);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, String text, ByteBuf out) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            // A newline would let one argument smuggle a second command onto the channel.
            throw new IllegalArgumentException("AGI command contains a line break: " + text.replace("\n", "\\n"));
        }
        ByteBufUtil.writeUtf8(out, text);
        out.writeByte('\n');
    }
}
