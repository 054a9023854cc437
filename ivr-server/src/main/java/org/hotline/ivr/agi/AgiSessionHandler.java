package org.hotline.ivr.agi;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline.ivr.ops.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Connects one FastAGI connection to its script: the decoded request starts the script, replies and
 * hangups go to the call's {@link AgiCommandChannel}, and the connection closes when the script ends.
 */
final class AgiSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AgiSessionHandler.class);

    private final AgiScripts scripts;
    private final AgiMetrics metrics;
    private AgiCommandChannel commands;
    private String callId = "";
    private String scriptName = "";
    private boolean refused;

    private final LiveAgiCalls live;
    private final Duration hangupGrace;

    /**
     * {@code hangupGrace}: Asterisk keeps queueing the dead channel's frames while the socket stays open and warns
     * "Exceptionally long voice queue length" after about two seconds; after HANGUP no command can reach the
     * channel anyway, so a script still running after this grace only holds Asterisk up and is cut off.
     */
    AgiSessionHandler(AgiScripts scripts, AgiMetrics metrics, LiveAgiCalls live, Duration hangupGrace) {
        this.scripts = scripts;
        this.metrics = metrics;
        this.live = live;
        this.hangupGrace = hangupGrace;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            return;
        }
        MDC.put("callId", callId);
        try {
            if (msg instanceof AgiRequest request) {
                start(ctx, request);
            } else if (msg instanceof AgiReply reply) {
                commands.onReply(reply);
            } else if (msg == AgiHangupSignal.INSTANCE) {
                log.info("caller hung up");
                commands.end("caller hung up");
                closeIfTheScriptLingers(ctx);
            }
        } finally {
            MDC.remove("callId");
        }
    }

    private void start(ChannelHandlerContext ctx, AgiRequest request) {
        callId = request.uniqueId().isEmpty() ? ctx.channel().id().asShortText() : request.uniqueId();
        MDC.put("callId", callId);
        Optional<AgiScript> script = scripts.find(request.script());
        if (script.isEmpty()) {
            log.warn("no script named '{}' (known: {}); closing so the dialplan continues",
                    request.script(), scripts.names());
            metrics.closed("unknown_script");
            ctx.close();
            return;
        }
        scriptName = request.script();
        log.info("call from {} on {} runs script '{}'", PhoneNumbers.mask(request.callerId()),
                request.channel(), request.script());
        commands = new AgiCommandChannel(ctx.channel(), versionOf(request), metrics);
        live.opened(callId, request.channel(), ctx.channel());
        metrics.callStarted();
        ctx.channel().closeFuture().addListener(f -> metrics.callEnded());
        try {
            script.get().run(new AgiCall(request, commands)).whenComplete((ok, error) -> finish(ctx, error));
        } catch (RuntimeException e) {
            finish(ctx, e);
        }
    }

    private void closeIfTheScriptLingers(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                MDC.put("callId", callId);
                log.warn("script '{}' still running {} ms after the caller hung up; closing the AGI connection "
                        + "so Asterisk can release the channel", scriptName, hangupGrace.toMillis());
                MDC.remove("callId");
                metrics.closed("script_outlived_hangup");
                ctx.close();
            }
        }, hangupGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish(ChannelHandlerContext ctx, Throwable error) {
        MDC.put("callId", callId);
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            log.info("script done");
        } else if (cause instanceof AgiHangupException) {
            log.info("call ended: {}", cause.getMessage());
        } else {
            log.warn("script failed: {}", cause.toString());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (commands != null) {
            MDC.put("callId", callId);
            try {
                commands.end("connection closed");
            } finally {
                MDC.remove("callId");
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && (commands == null || !commands.busy())) {
            MDC.put("callId", callId);
            log.warn("closing idle AGI connection from {}: no command in flight and no traffic", ctx.channel().remoteAddress());
            MDC.remove("callId");
            metrics.closed("idle");
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (refused) {
            return;
        }
        // Lines already buffered would each fail again; one explanation per connection is enough.
        refused = true;
        ctx.channel().config().setAutoRead(false);
        Throwable root = cause.getCause() != null && !(cause instanceof AgiProtocolException) ? cause.getCause() : cause;
        String why;
        if (root instanceof AgiProtocolException) {
            why = root.getMessage();
            metrics.closed("protocol");
        } else if (cause instanceof TooLongFrameException || root instanceof TooLongFrameException) {
            why = "line too long: " + root.getMessage();
            metrics.closed("line_too_long");
        } else {
            why = cause.toString();
            metrics.closed("error");
        }
        MDC.put("callId", callId);
        log.warn("closing AGI connection from {}: {}", ctx.channel().remoteAddress(), why);
        MDC.remove("callId");
        if (commands != null) {
            commands.end("connection closed after protocol error");
        }
        ctx.close();
    }

    private static AsteriskVersion versionOf(AgiRequest request) {
        String version = request.asteriskVersion();
        AsteriskVersion parsed = version.isEmpty() ? null
                : AsteriskVersion.getDetermineVersionFromString("Asterisk " + version);
        return parsed != null ? parsed : AsteriskVersion.ASTERISK_22;
    }
}
