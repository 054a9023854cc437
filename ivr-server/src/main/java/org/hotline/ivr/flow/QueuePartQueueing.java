package org.hotline.ivr.flow;

import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.queue.HoldLoop;
import org.hotline.ivr.queue.WaitingCall;

/**
 * Enqueue through the queue part: the caller waits in {@link HoldLoop} (hold music, position and wait
 * announcements, callback offer, dialing the seat) until connected, called back, or gone. The queue id and
 * priority class must exist in queues.yaml.
 */
public final class QueuePartQueueing implements FlowServices.CallQueueing {

    private final HoldLoop holdLoop;

    public QueuePartQueueing(HoldLoop holdLoop) {
        this.holdLoop = holdLoop;
    }

    @Override
    public CompletionStage<String> enqueue(CallContext call, FlowServices.QueueRequest request) {
        WaitingCall waiting = new WaitingCall(call.callId(), request.queue(), request.priorityClass(),
                request.language(), call.callerId());
        return holdLoop.run(call.call(), waiting).thenApply(outcome -> outcome.name().toLowerCase(Locale.ROOT));
    }
}
