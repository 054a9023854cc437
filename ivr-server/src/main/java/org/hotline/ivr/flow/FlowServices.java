package org.hotline.ivr.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What the runner needs from the other parts of the server, each behind one narrow interface, and the
 * clock conditions read. The server node wires the production ones (IvrServer); nothing here stands in for them.
 */
public record FlowServices(DescriptionCapture descriptions, SpeechMenus speech, QueueStatus queues,
                           CallQueueing queueing, DraftOrders orders, Clock clock) {

    /**
     * The caller speaks the problem, as {@code node} says (its length limit, end of turn, finish prompt);
     * completes with what was understood, also when the caller hung up.
     */
    @FunctionalInterface
    public interface DescriptionCapture {
        CompletionStage<Description> capture(CallContext call, FlowNode.Describe node);
    }

    /**
     * @param transcript   what was understood ("" without a recognizer for the language)
     * @param note         for the seat when there is no transcript, e.g. "recorded, no transcript (no zh model)"
     * @param recording    the WAV of what the caller said ("" when nothing was recorded)
     * @param callerHungUp the caller hung up while speaking: the run ends after keeping the transcript
     * @param ended        what ended it, for the journal ("end-of-speech", "dtmf", "max-length" ...; "" unknown)
     */
    public record Description(String transcript, String note, String recording, boolean callerHungUp, String ended) {

        public Description(String transcript, String note, String recording, boolean callerHungUp) {
            this(transcript, note, recording, callerHungUp, "");
        }
    }

    /** Spoken menu answers, where a speech model exists for the language. */
    public interface SpeechMenus {
        boolean available(String language);

        /**
         * Listens for one of the choices (choice -> phrases), the answer ending {@code endSilence} after its last
         * word (null: the server's default); completes with the choice, or "" for none.
         */
        CompletionStage<String> listen(CallContext call, Map<String, List<String>> choices, Duration timeout,
                                       Duration endSilence);

        SpeechMenus NONE = new SpeechMenus() {
            public boolean available(String language) {
                return false;
            }

            public CompletionStage<String> listen(CallContext call, Map<String, List<String>> choices, Duration t,
                                                  Duration endSilence) {
                return CompletableFuture.completedFuture("");
            }
        };
    }

    /** How busy a queue is, for overflow conditions. */
    @FunctionalInterface
    public interface QueueStatus {
        CompletionStage<QueueLoad> load(String queue);

        QueueStatus NO_QUEUES = queue -> CompletableFuture.completedFuture(new QueueLoad(0, Duration.ZERO));
    }

    public record QueueLoad(int waiting, Duration expectedWait) {
    }

    /** Hands the call to the call distributor; completes when the call has left the queue (connected or not). */
    @FunctionalInterface
    public interface CallQueueing {
        CompletionStage<String> enqueue(CallContext call, QueueRequest request);
    }

    /**
     * @param priorityClass a class of queues.yaml ("urgent", "elderly"), "" for normal
     * @param hold          what the caller hears while waiting (the enqueue node's {@code hold:})
     * @param journal       takes one line per step of the wait (announced, callback offered, seat rung ...) for the
     *                      call's journal
     */
    public record QueueRequest(String queue, int priority, String priorityClass, List<String> skills, String language,
                               String orderId, HoldPlan hold, Consumer<String> journal) {
    }

    /**
     * Writes the draft work order from the path and transcript; completes with its id, or with "" when Redis
     * could not take it and it was kept on this node's disk instead, to reach Redis when Redis is back.
     */
    @FunctionalInterface
    public interface DraftOrders {
        CompletionStage<String> draft(CallContext call);

        /**
         * Where the caller's case stands: the order numbered {@code entered} (digits; "" for the caller's most
         * recent), only when the calling number is the order's; {@link CaseStatus#NOT_FOUND} otherwise.
         */
        default CompletionStage<CaseStatus> progress(CallContext call, String entered) {
            return CompletableFuture.completedFuture(CaseStatus.NOT_FOUND);
        }
    }

    /**
     * A case as the caller hears it: {@code number} the digits read back (what the caller would key in),
     * {@code status} received, dispatched, handled, closed or rehandle; {@code dispatchBy} the deadline while not
     * yet dispatched (null otherwise).
     */
    public record CaseStatus(String orderId, String number, String status, Instant dispatchBy) {
        public static final CaseStatus NOT_FOUND = new CaseStatus("", "", "", null);

        public boolean found() {
            return !orderId.isEmpty();
        }
    }

    public FlowServices withClock(Clock newClock) {
        return new FlowServices(descriptions, speech, queues, queueing, orders, newClock);
    }

    public FlowServices withQueues(QueueStatus newQueues) {
        return new FlowServices(descriptions, speech, newQueues, queueing, orders, clock);
    }

    public FlowServices withQueueing(CallQueueing newQueueing) {
        return new FlowServices(descriptions, speech, queues, newQueueing, orders, clock);
    }

    public FlowServices withDescriptions(DescriptionCapture newCapture) {
        return new FlowServices(newCapture, speech, queues, queueing, orders, clock);
    }

    public FlowServices withSpeech(SpeechMenus newSpeech) {
        return new FlowServices(descriptions, newSpeech, queues, queueing, orders, clock);
    }

    public FlowServices withOrders(DraftOrders newOrders) {
        return new FlowServices(descriptions, speech, queues, queueing, newOrders, clock);
    }
}
