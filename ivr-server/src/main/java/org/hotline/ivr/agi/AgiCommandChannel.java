package org.hotline.ivr.agi;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * The async command channel of one call. AGI allows one command at a time, so commands sent while one
 * is in flight wait here in order and go out as each reply arrives. All state is touched on the call's
 * event loop only; {@link #send} may be called from any thread. No thread waits for Asterisk.
 */
public final class AgiCommandChannel {

    private final Channel channel;
    private final AsteriskVersion version;
    private final AgiCommandListener listener;
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private Pending inFlight;
    private AgiHangupException ended;
    /** Replies Asterisk still owes for commands failed early by a hangup; they arrive and are dropped. */
    private int owedReplies;

    public AgiCommandChannel(Channel channel, AsteriskVersion version, AgiCommandListener listener) {
        this.channel = channel;
        this.version = version;
        this.listener = listener;
    }

    /** Sends {@code command}; the stage completes with Asterisk's reply, or fails with a hangup. */
    public CompletionStage<AgiReply> send(AgiCommand command) {
        CompletableFuture<AgiReply> reply = new CompletableFuture<>();
        Pending pending = new Pending(command, reply);
        if (channel.eventLoop().inEventLoop()) {
            enqueue(pending);
        } else {
            channel.eventLoop().execute(() -> enqueue(pending));
        }
        return reply;
    }

    /** True while a command is out or waiting: Asterisk, not our script, is what we wait for. */
    boolean busy() {
        return inFlight != null || !waiting.isEmpty();
    }

    /** True once the call has hung up or its socket closed. */
    public boolean hungUp() {
        return ended != null;
    }

    void onReply(AgiReply reply) {
        Pending done = inFlight;
        if (done == null && owedReplies > 0) {
            owedReplies--;
            return;
        }
        if (done == null) {
            throw new AgiProtocolException("reply with no command in flight: '" + reply.getFirstLine() + "'");
        }
        inFlight = null;
        long nanos = System.nanoTime() - done.sentAt;
        listener.replied(done.command, reply.getStatus(), nanos);
        switch (reply.getStatus()) {
            case AgiReply.SC_SUCCESS -> done.reply.complete(reply);
            case AgiReply.SC_DEAD_CHANNEL -> {
                end("channel is dead (511)");
                done.reply.completeExceptionally(ended);
            }
            default -> done.reply.completeExceptionally(new AgiCommandException(done.text, reply));
        }
        writeNext();
    }

    /** Asterisk said HANGUP, or the socket closed: every command still waiting fails with the reason. */
    void end(String why) {
        if (ended != null) {
            return;
        }
        ended = new AgiHangupException(why);
        if (inFlight != null) {
            // Asterisk answers the interrupted command after its HANGUP line; that reply is expected.
            owedReplies++;
            inFlight.reply.completeExceptionally(ended);
            inFlight = null;
        }
        Pending pending;
        while ((pending = waiting.poll()) != null) {
            pending.reply.completeExceptionally(ended);
        }
    }

    private void enqueue(Pending pending) {
        if (ended != null) {
            pending.reply.completeExceptionally(ended);
            return;
        }
        waiting.add(pending);
        if (inFlight == null) {
            writeNext();
        }
    }

    private void writeNext() {
        Pending next = waiting.poll();
        if (next == null || ended != null) {
            return;
        }
        next.command.setAsteriskVersion(version);
        try {
            next.text = CommandText.of(next.command);
        } catch (RuntimeException e) {
            next.reply.completeExceptionally(e);
            writeNext();
            return;
        }
        inFlight = next;
        next.sentAt = System.nanoTime();
        channel.writeAndFlush(next.text).addListener(write -> {
            if (!write.isSuccess() && inFlight == next) {
                inFlight = null;
                next.reply.completeExceptionally(write.cause());
                writeNext();
            }
        });
    }

    private static final class Pending {
        final AgiCommand command;
        final CompletableFuture<AgiReply> reply;
        String text;
        long sentAt;

        Pending(AgiCommand command, CompletableFuture<AgiReply> reply) {
            this.command = command;
            this.reply = reply;
        }
    }
}
