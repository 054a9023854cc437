package org.hotline.ivr.flow;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.agi.AgiScripts;
import org.hotline.ivr.queue.CallDistributor;
import org.hotline.ivr.queue.WaitingCall;

/**
 * Enqueue through the queue part: the caller waits in {@link HoldLoop} (hold music, position and wait
 * announcements, callback offer, dialing the seat) until connected, called back, or gone; the queue only
 * records each step. The queue id and priority class must exist in queues.yaml.
 */
public final class QueuePartQueueing implements FlowServices.CallQueueing {

    private final CallDistributor distributor;
    private final HoldLoop holdLoop;
    private final HeldCalls holds;

    public QueuePartQueueing(CallDistributor distributor) {
        this(distributor, HoldSettings.DEFAULTS, Clock.systemUTC());
    }

    public QueuePartQueueing(CallDistributor distributor, HoldSettings settings, Clock clock) {
        this(distributor, settings, clock, HeldCalls.none());
    }

    /** With the seats' holds and hand-overs ({@link HeldCalls}), as the server runs it. */
    public QueuePartQueueing(CallDistributor distributor, HeldCalls holds) {
        this(distributor, HoldSettings.DEFAULTS, Clock.systemUTC(), holds);
    }

    public QueuePartQueueing(CallDistributor distributor, HoldSettings settings, Clock clock, HeldCalls holds) {
        this.distributor = distributor;
        this.holds = holds;
        this.holdLoop = new HoldLoop(distributor, settings, clock, holds);
    }

    /**
     * The {@code queue-answered} script that Dial's {@code U()} option runs on the seat's channel when it answers, and
     * {@code seat-hold-ended}, which {@code [ivr-seat-hold]} runs when a held caller's seat hangs up.
     */
    public QueuePartQueueing registerSeatAnswered(AgiScripts scripts) {
        scripts.register(SeatAnsweredScript.NAME, "flow", new SeatAnsweredScript(distributor));
        scripts.register(SeatHoldEndedScript.NAME, "flow", new SeatHoldEndedScript(holds));
        return this;
    }

    @Override
    public CompletionStage<String> enqueue(CallContext call, FlowServices.QueueRequest request) {
        WaitingCall waiting = new WaitingCall(call.callId(), request.queue(), request.priorityClass(),
                request.language(), call.callerId());
        return holdLoop.run(call.call(), waiting, request.hold(), request.journal())
                .thenApply(outcome -> outcome.name().toLowerCase(Locale.ROOT));
    }
}
