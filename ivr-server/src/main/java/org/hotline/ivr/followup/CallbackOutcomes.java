package org.hotline.ivr.followup;

/** Where a callback's outcome is recorded: on its order, and (for the queue) when the seat is free again. */
@FunctionalInterface
public interface CallbackOutcomes {

    void record(CallbackRequest request, CallbackOutcome outcome);

    /**
     * A {@code CONNECTED} callback's conversation is over (the dialplan's Dial returned): the seat goes to
     * wrap-up. If the AMI link dropped meanwhile, called once it is back and Asterisk no longer lists the seat's
     * channel.
     */
    default void callEnded(CallbackRequest request) {
    }

    /** Both: this one first, then {@code next}. */
    default CallbackOutcomes andThen(CallbackOutcomes next) {
        CallbackOutcomes first = this;
        return new CallbackOutcomes() {
            @Override
            public void record(CallbackRequest request, CallbackOutcome outcome) {
                first.record(request, outcome);
                next.record(request, outcome);
            }

            @Override
            public void callEnded(CallbackRequest request) {
                first.callEnded(request);
                next.callEnded(request);
            }
        };
    }
}
