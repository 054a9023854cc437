package org.hotline.ivr.agi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decodes the {@code agi_*} environment, one line per frame, until the blank line; then hands the rest
 * of the connection to an {@link AgiReplyDecoder}. Limits: {@code maxVariables} lines, a deadline for the
 * blank line, and only printable UTF-8 of the form {@code agi_name: value}.
 */
public final class AgiRequestDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final int maxVariables;
    private final Duration deadline;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private ScheduledFuture<?> deadlineTask;

    public AgiRequestDecoder(int maxVariables, Duration deadline) {
        this.maxVariables = maxVariables;
        this.deadline = deadline;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadlineTask = ctx.executor().schedule(() -> {
            ctx.fireExceptionCaught(new AgiProtocolException(
                    "no end of the AGI environment (blank line) within " + deadline.toMillis() + " ms"));
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadlineTask != null) {
            deadlineTask.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        String text = strictText(line);
        if (text.isEmpty()) {
            if (variables.isEmpty()) {
                throw new AgiProtocolException("blank line before any agi_ variable");
            }
            out.add(toRequest());
            ctx.pipeline().replace(this, "agi-reply-decoder", new AgiReplyDecoder());
            return;
        }
        int colon = text.indexOf(": ");
        if (!text.startsWith("agi_") || colon < 5) {
            throw new AgiProtocolException("not an AGI environment line: '" + abbreviate(text) + "'");
        }
        if (variables.size() >= maxVariables) {
            throw new AgiProtocolException("more than " + maxVariables + " AGI environment variables");
        }
        variables.put(text.substring(4, colon), text.substring(colon + 2));
    }

    private AgiRequest toRequest() {
        List<String> arguments = new ArrayList<>();
        for (int i = 1; variables.containsKey("arg_" + i); i++) {
            arguments.add(variables.get("arg_" + i));
        }
        return new AgiRequest(scriptName(variables.getOrDefault("network_script", "")), arguments, variables);
    }

    /** {@code /12345?lang=zh} and {@code 12345} both name script {@code 12345}. */
    static String scriptName(String networkScript) {
        String name = networkScript;
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        return name;
    }

    /**
     * Asterisk only ever sends printable UTF-8 here; anything else is garbage on the port. Most lines are
     * printable ASCII, found in one pass over the bytes and copied once; others are decoded strictly.
     */
    static String strictText(ByteBuf line) {
        int length = line.readableBytes();
        int stop = line.forEachByte(PRINTABLE_ASCII);
        String text;
        if (stop < 0) {
            text = line.toString(line.readerIndex(), length, StandardCharsets.US_ASCII);
        } else if (line.getByte(stop) >= 0) {
            throw controlCharacter((char) line.getByte(stop), stop - line.readerIndex());
        } else {
            text = strictUtf8(line);
        }
        line.skipBytes(length);
        return text;
    }

    /** Tab and the printable ASCII characters; a UTF-8 byte of a longer sequence is negative here. */
    private static final ByteProcessor PRINTABLE_ASCII = b -> b >= 0x20 && b != 0x7f || b == '\t';

    private static String strictUtf8(ByteBuf line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(line.nioBuffer())
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AgiProtocolException("binary data where AGI text was expected ("
                    + line.readableBytes() + " bytes, not UTF-8)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw controlCharacter(c, i);
            }
        }
        return text;
    }

    private static AgiProtocolException controlCharacter(char c, int index) {
        return new AgiProtocolException("control character 0x" + Integer.toHexString(c)
                + " in AGI text at column " + (index + 1));
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
