package org.hotline.ivr.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.agi.AgiScript;

/**
 * The benchmark script on this server: the {@link CommandMix} as chained stages (no thread waits), or
 * for {@code idle} calls ANSWER, a long-held command, HANGUP.
 */
final class NettyBenchScript implements AgiScript {

    private final BenchProbe probe;
    private final int commands;

    NettyBenchScript(BenchProbe probe, int commands) {
        this.probe = probe;
        this.commands = commands;
    }

    @Override
    public CompletionStage<?> run(AgiCall call) {
        probe.callStarted();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (CommandMix.IDLE_SCRIPT.equals(call.request().script())) {
            call.channel().send(CommandMix.command(0, 2))
                    .thenCompose(answered -> call.channel().send(CommandMix.hold()))
                    .thenCompose(held -> call.channel().send(CommandMix.command(1, 2)))
                    .whenComplete((reply, error) -> finish(done, error));
        } else {
            next(call, 0, done);
        }
        return done.whenComplete((ok, error) -> probe.callEnded(error == null));
    }

    /** One command, then the next from its reply callback: stack-safe, since replies arrive on later reads. */
    private void next(AgiCall call, int index, CompletableFuture<Void> done) {
        if (index == commands) {
            done.complete(null);
            return;
        }
        long sent = System.nanoTime();
        call.channel().send(CommandMix.command(index, commands)).whenComplete((reply, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            probe.commandDone(System.nanoTime() - sent);
            next(call, index + 1, done);
        });
    }

    private static void finish(CompletableFuture<Void> done, Throwable error) {
        if (error == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(error);
        }
    }
}
