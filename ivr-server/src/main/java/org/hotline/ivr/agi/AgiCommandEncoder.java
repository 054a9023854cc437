package org.hotline.ivr.agi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import org.asteriskjava.fastagi.command.AgiCommand;

/** Writes an asterisk-java command as the single line Asterisk reads. */
@Sharable
public final class AgiCommandEncoder extends MessageToByteEncoder<AgiCommand> {

    public AgiCommandEncoder() {
        super(AgiCommand.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AgiCommand command, ByteBuf out) {
        String text = command.buildCommand();
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            // A newline would let one argument smuggle a second command onto the channel.
            throw new IllegalArgumentException("AGI command contains a line break: " + text.replace("\n", "\\n"));
        }
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeByte('\n');
    }
}
