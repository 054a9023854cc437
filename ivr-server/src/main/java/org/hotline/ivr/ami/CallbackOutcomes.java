package org.hotline.ivr.ami;

/** Where a callback's outcome is recorded: on its order, and (for the queue) when the seat is free again. */
@FunctionalInterface
public interface CallbackOutcomes {

    void record(CallbackRequest request, CallbackOutcome outcome);

    /**
     * A {@code CONNECTED} callback's conversation is over (the dialplan's Dial returned): the seat goes to
     * wrap-up. Not called if the AMI link dropped meanwhile; the hangup then reaches {@link CallHangups}.
     */
    default void callEnded(CallbackRequest request) {
    }
}
