package org.hotline.ivr.ami;

/** Where a callback's outcome is recorded: on its order. */
@FunctionalInterface
public interface CallbackOutcomes {

    void record(CallbackRequest request, CallbackOutcome outcome);
}
