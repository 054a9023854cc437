package org.hotline.ivr.flow;

import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.hotline.ivr.agi.AgiCall;
import org.hotline.ivr.queue.WaitingCall;
import org.hotline.ivr.queue.QueueConfig;
import org.hotline.ivr.queue.CallDistributor;

/**
 * The AGI side of waiting, for the flow's enqueue node: queue the call, play hold music, announce
 * position and expected wait in the caller's language every {@code announce-every}, offer "press 1 for a
 * callback" once the expected wait passes {@code offer-callback-after} (the node's {@link HoldPlan}, falling back
 * on the queue's timings in queues.yaml), and when a seat is reserved dial its
 * device; a seat that does not answer is paused and the caller keeps waiting at the head of the queue.
 */
public final class HoldLoop {

    private final CallDistributor distributor;
    private final HoldSettings settings;
    private final Clock clock;
    private final HeldCalls holds;

    public HoldLoop(CallDistributor distributor, HoldSettings settings, Clock clock) {
        this(distributor, settings, clock, HeldCalls.none());
    }

    /** With {@code holds}, a seat can put the caller on hold and hand them to another queue from its console. */
    public HoldLoop(CallDistributor distributor, HoldSettings settings, Clock clock, HeldCalls holds) {
        this.distributor = distributor;
        this.settings = settings;
        this.clock = clock;
        this.holds = holds;
    }

    /** Runs until a seat answered and hung up, the caller chose a callback, or the caller hung up. */
    public CompletionStage<HoldOutcome> run(AgiCall call, WaitingCall waiting) {
        return run(call, waiting, HoldPlan.defaults(new SourcePos(null, 1, 1)), line -> { });
    }

    /**
     * The same, the caller hearing what {@code plan} says (an enqueue node's {@code hold:}), each step of the wait
     * told to {@code journal} as one line.
     */
    public CompletionStage<HoldOutcome> run(AgiCall call, WaitingCall waiting, HoldPlan plan, Consumer<String> journal) {
        QueueConfig queue = distributor.setup().requireQueue(waiting.queue());
        return new HoldSession(distributor, settings, plan, journal, clock, call.channel(), waiting, queue, holds).run();
    }
}
