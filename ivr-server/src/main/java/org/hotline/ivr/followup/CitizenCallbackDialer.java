package org.hotline.ivr.followup;

import java.util.concurrent.CompletionStage;

/** Calls a citizen back: the queue calls this when a callback reaches the head and a seat is ready. */
@FunctionalInterface
public interface CitizenCallbackDialer {

    /** Completes (never exceptionally) once the callback connected or the retry policy gave up. */
    CompletionStage<CallbackOutcome> dial(CallbackRequest request);
}
