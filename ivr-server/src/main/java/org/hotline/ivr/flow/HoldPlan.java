package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotline.ivr.ops.Durations;

/**
 * What a caller hears while waiting in the queue an enqueue node hands the call to: its {@code hold:} block.
 * <pre>
 *   enqueue:
 *     queue: citizen
 *     hold:
 *       music: default              # Asterisk music-on-hold class (default: the node's, "default")
 *       announce-every: 45s         # default: the queue's announceEvery in queues.yaml
 *       position: true              # "your position in the queue is" + the number
 *       expected-wait: true         # "expected wait about" + minutes (only when the queue can estimate it)
 *       offer-callback: true        # "press 1 for a callback" ...
 *       offer-callback-after: 2m    # ... once the expected wait is beyond this (default: queues.yaml's)
 *       prompts: {position: queue/position, ...}   # the prompt ids played, each in the caller's language
 * </pre>
 * A node without the block waits with every default: position, expected wait and the callback offer on, the
 * queue's own timings. The prompts are checked by {@code ./ivr flow lint} like every other prompt of the flow.
 *
 * @param music              null: the node's music class
 * @param announceEvery      null: the queue's
 * @param offerCallbackAfter null: the queue's
 */
public record HoldPlan(String music, Duration announceEvery, boolean position, boolean expectedWait,
                       boolean offerCallback, Duration offerCallbackAfter, Prompts prompts) {

    /** The prompt ids the hold plays. */
    public record Prompts(Ref position, Ref expectedWait, Ref minutes, Ref offerCallback, Ref callbackNumberIs,
                          Ref callbackConfirm, Ref callbackEnterNumber, Ref callbackConfirmed) {

        /** The YAML keys of {@code prompts:}, in the order of the record. */
        static final List<String> KEYS = List.of("position", "expected-wait", "minutes", "offer-callback",
                "callback-number-is", "callback-confirm", "callback-enter-number", "callback-confirmed");

        /** The shipped prompts ({@code queue/position} ...), positioned at {@code pos} for lint messages. */
        static Prompts defaults(SourcePos pos) {
            return new Prompts(new Ref("queue/position", pos), new Ref("queue/expected-wait", pos),
                    new Ref("queue/minutes", pos), new Ref("queue/press-1-callback", pos),
                    new Ref("queue/callback-number-is", pos), new Ref("queue/callback-confirm", pos),
                    new Ref("queue/callback-enter-number", pos), new Ref("queue/callback-confirmed", pos));
        }

        List<Ref> inOrder() {
            return List.of(position, expectedWait, minutes, offerCallback, callbackNumberIs, callbackConfirm,
                    callbackEnterNumber, callbackConfirmed);
        }
    }

    /** Everything on, the queue's timings, the shipped prompts: what a node without a {@code hold:} block does. */
    public static HoldPlan defaults(SourcePos pos) {
        return new HoldPlan(null, null, true, true, true, null, Prompts.defaults(pos));
    }

    /** The announcement interval for a queue whose own is {@code queueDefault}. */
    Duration announceEvery(Duration queueDefault) {
        return announceEvery != null ? announceEvery : queueDefault;
    }

    /** The expected wait beyond which the callback offer is made, for a queue whose own is {@code queueDefault}. */
    Duration offerCallbackAfter(Duration queueDefault) {
        return offerCallbackAfter != null ? offerCallbackAfter : queueDefault;
    }

    /** The prompts this plan may play (the ones of announcements it leaves off are not needed). */
    List<Ref> used() {
        List<Ref> used = new ArrayList<>();
        if (position) {
            used.add(prompts.position());
        }
        if (expectedWait) {
            used.add(prompts.expectedWait());
            used.add(prompts.minutes());
        }
        if (offerCallback) {
            used.addAll(prompts.inOrder().subList(3, 8));
        }
        return used;
    }

    /** One line for the flow's drawing: what the caller hears and how often. */
    String describe() {
        List<String> heard = new ArrayList<>();
        if (position) {
            heard.add("position");
        }
        if (expectedWait) {
            heard.add("expected wait");
        }
        String every = announceEvery == null ? "at the queue's interval" : "every " + Durations.format(announceEvery);
        String announcements = heard.isEmpty() ? "music only" : String.join(" + ", heard) + " " + every;
        String callback = !offerCallback ? "no callback offer" : "callback offer past "
                + (offerCallbackAfter == null ? "the queue's threshold" : Durations.format(offerCallbackAfter)
                + " expected wait");
        return "hold: " + announcements + "; " + callback;
    }
}
