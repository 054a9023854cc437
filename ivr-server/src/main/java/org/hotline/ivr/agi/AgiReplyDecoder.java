package org.hotline.ivr.agi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames Asterisk's replies, one line per frame: a single {@code NNN result=...} line, a multi-line
 * {@code 520-...} usage block ending with {@code 520 ...}, or the {@code HANGUP} notice, each parsed
 * once into a {@link CommandReply}.
 */
public final class AgiReplyDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final int MAX_USAGE_LINES = 200;

    private List<String> usageBlock;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        String line = AgiRequestDecoder.strictText(frame);
        if (usageBlock != null) {
            usageBlock.add(line);
            if (line.startsWith("520 ")) {
                out.add(CommandReply.ofUsageBlock(usageBlock));
                usageBlock = null;
            } else if (usageBlock.size() > MAX_USAGE_LINES) {
                throw new AgiProtocolException("520 usage block longer than " + MAX_USAGE_LINES + " lines");
            }
        } else if (line.equals("HANGUP")) {
            out.add(AgiHangupSignal.INSTANCE);
        } else if (line.startsWith("520-")) {
            usageBlock = new ArrayList<>();
            usageBlock.add(line);
        } else if (CommandReply.isStatusLine(line)) {
            out.add(CommandReply.of(line));
        } else if (!line.isEmpty()) {
            throw new AgiProtocolException("not an AGI reply: '" + AgiRequestDecoder.abbreviate(line) + "'");
        }
    }
}
