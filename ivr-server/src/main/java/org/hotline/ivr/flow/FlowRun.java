package org.hotline.ivr.flow;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.hotline.ivr.agi.AgiHangupException;
import org.hotline.ivr.redis.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One call walking a flow. A trampoline, not recursion: steps that complete at once are taken in a loop,
 * and a step that waits for Asterisk resumes the loop from its callback, so a long menu loop never deepens
 * the stack and no thread waits for the caller.
 */
final class FlowRun {

    private static final Logger log = LoggerFactory.getLogger(FlowRun.class);
    /** A caller cycling through menus for this many nodes is stuck, not using the line. */
    static final int MAX_STEPS = 1000;
    /** Set on the channel when a run ends by design without hanging up (its value: the flow's name). */
    static final String ENDED_VARIABLE = "IVR_FLOW_END";
    /** The outcome of a run that ended at a hang-up node (or returned from its top): the caller is gone. */
    static final String COMPLETED = "completed";

    private final CallContext call;
    private final FlowServices services;
    private final JourneyStore.Writer journey;
    private final NodeSteps steps;
    private final CallsInIvr.Presence inIvr;
    private final CompletableFuture<String> done = new CompletableFuture<>();
    private FlowNode current;
    private int taken;
    private boolean fellBack;
    /** This run hung the call up itself (the step limit): nothing to tell the dialplan. */
    private boolean hungUp;

    FlowRun(CallContext call, FlowServices services, JourneyStore.Writer journey, CallsInIvr.Presence inIvr) {
        this.call = call;
        this.services = services;
        this.journey = journey;
        this.inIvr = inIvr;
        this.steps = new NodeSteps(services, new ChoiceSteps.Recorder() {
            @Override
            public void record(CallContext c, FlowNode node, String input, String result) {
                inIvr.moved();
                journey.step(c.record(node, input, result));
            }

            @Override
            public void note(CallContext c, FlowNode node, String result) {
                journey.step(new CallContext.PathStep(Instant.now(), c.flow().name(), node.id(), JourneyStore.NOTE, "",
                        result));
                log(() -> log.info("{}: {}", node.id(), result));
            }
        }, inIvr);
    }

    CompletionStage<String> start() {
        journey.started(call);
        inIvr.enter();
        log(() -> log.info("flow {} version {} starts for caller {}", call.flow().name(), call.flow().version(),
                org.hotline.ivr.ops.PhoneNumbers.mask(call.callerId())));
        call.agi().send(new AnswerCommand())
                .thenCompose(r -> ChoiceSteps.setLanguage(call, call.language()))
                .whenComplete((r, error) -> {
                    if (error != null) {
                        finish(null, error);
                    } else {
                        loop(Transition.to(call.flow().start()));
                    }
                });
        return done;
    }

    private void loop(Transition next) {
        Transition at = next;
        while (true) {
            if (at.ends()) {
                finish(at.outcome(), null);
                return;
            }
            if (++taken > MAX_STEPS) {
                hungUp = true;
                call.agi().send(new HangupCommand());
                finish("step limit: " + MAX_STEPS + " nodes", null);
                return;
            }
            CompletableFuture<Transition> step;
            try {
                current = call.flow().node(at.node());
                step = steps.run(call, current).toCompletableFuture();
            } catch (RuntimeException e) {
                finish(null, e);
                return;
            }
            if (!step.isDone()) {
                step.whenComplete((t, error) -> {
                    if (error != null) {
                        finish(null, error);
                    } else {
                        loop(t);
                    }
                });
                return;
            }
            try {
                at = step.join();
            } catch (CompletionException e) {
                finish(null, e);
                return;
            }
        }
    }

    private void finish(String outcome, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause != null && !fellBack && !(cause instanceof AgiHangupException) && RedisUnavailableException.isCauseOf(cause)) {
            fallBack(cause);
            return;
        }
        String result = outcome;
        if (cause instanceof AgiHangupException) {
            String at = current == null ? "start" : current.id();
            if (current != null && !lastStepIs(current)) {
                journey.step(call.record(current, "", "caller hung up"));
            }
            result = "caller-hangup at " + at;
        } else if (cause != null) {
            result = "failed at " + (current == null ? "start" : current.id()) + ": " + cause;
            log(() -> log.error("flow {} failed at node {}", call.flow().name(), current == null ? "start" : current.id(), cause));
        }
        String ending = result;
        inIvr.leave();
        CompletionStage<?> told = markEnded(outcome, cause); // before the socket closes, i.e. before done completes
        keepWords().thenCompose(x -> journey.ended(call, ending)).thenCombine(told, (x, y) -> x)
                .whenComplete((x, e) -> {
                    log(() -> log.info("flow {} ended: {}", call.flow().name(), ending));
                    done.complete(ending);
                });
    }

    /**
     * A run that ends by design with the caller still on the line (after a seat, a transfer, the operators) says so in
     * channel variable {@value #ENDED_VARIABLE}, so the dialplan hangs up; without it the node went away mid-call
     * (Asterisk sees the socket close exactly as at a normal end) or the run failed, and the shipped {@code [ivr-in]}
     * gives the call to the next node. A hang-up node or the caller's hang-up leave nothing to tell.
     */
    private CompletionStage<?> markEnded(String outcome, Throwable cause) {
        if (cause != null || outcome == null || outcome.equals(COMPLETED) || hungUp || call.agi().hungUp()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return call.agi().send(new SetVariableCommand(ENDED_VARIABLE, call.flow().name()))
                    .handle((reply, gone) -> null);
        } catch (RuntimeException gone) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** A step could not reach Redis after its retries: the caller goes on by the flow's fallback, once. */
    private void fallBack(Throwable cause) {
        fellBack = true;
        String at = current == null ? "start" : current.id();
        String why = RedisFallback.why(call, at, cause);
        journey.step(new CallContext.PathStep(Instant.now(), call.flow().name(), at, JourneyStore.NOTE, "", why));
        log(() -> log.warn("flow {}: {}", call.flow().name(), why));
        if (call.flow().onError() == null) {
            inIvr.leave();
        }
        RedisFallback.route(call).whenComplete((next, error) -> {
            if (error != null) {
                finish(null, error);
            } else {
                loop(next);
            }
        });
    }

    /** A caller who described the problem and hung up before the queue still gets a draft order. */
    private CompletionStage<?> keepWords() {
        if (!call.described() || !call.orderId().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return services.orders().draft(call).handle((id, e) -> {
            if (id != null) {
                call.orderId(id);
            }
            return null;
        });
    }

    private boolean lastStepIs(FlowNode node) {
        return !call.path().isEmpty() && call.path().get(call.path().size() - 1).node().equals(node.id())
                && call.path().get(call.path().size() - 1).result().contains("hung up");
    }

    private void log(Runnable line) {
        MDC.put("callId", call.callId());
        try {
            line.run();
        } finally {
            MDC.remove("callId");
        }
    }
}
