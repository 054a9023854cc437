package org.hotline.ivr.queue;

import org.hotline.ivr.ami.CallbackOutcome;
import org.hotline.ivr.ami.CallbackRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a callback whose turn has come to the AMI dialer (seat first, then the citizen) and reports how
 * it went: connected puts the seat on call; a seat that did not answer is paused and the callback goes
 * back to the head of its queue; a citizen who could not be reached frees the seat and ends the callback
 * (the dialer has already retried per its policy and recorded the attempts on the order).
 */
public final class AmiCallbackBridge implements CallbackDialer {

    private static final Logger log = LoggerFactory.getLogger(AmiCallbackBridge.class);

    private final org.hotline.ivr.ami.CallbackDialer ami;
    private volatile CallDistributor distributor;

    public AmiCallbackBridge(org.hotline.ivr.ami.CallbackDialer ami) {
        this.ami = ami;
    }

    /** The distributor is built with this dialer, so it is connected afterwards. */
    public void reportTo(CallDistributor target) {
        this.distributor = target;
    }

    @Override
    public void dial(SeatOffer offer) {
        CallbackRequest request = new CallbackRequest(offer.callId(), offer.callId(), offer.seatId(), offer.device(),
                offer.callbackNumber());
        ami.dial(request).whenComplete((outcome, failure) -> {
            CallbackOutcome.Result result = failure == null ? outcome.result() : CallbackOutcome.Result.FAILED;
            report(offer, result);
        });
    }

    private void report(SeatOffer offer, CallbackOutcome.Result result) {
        switch (result) {
            case CONNECTED -> distributor.answered(offer);
            case SEAT_NOT_REACHED -> distributor.ringNoAnswer(offer);
            default -> {
                log.info("callback {} ended without a conversation ({}): seat {} freed", offer.callId(), result,
                        offer.seatId());
                distributor.abandon(new WaitingCall(offer.callId(), offer.queue(), "", "", ""));
            }
        }
    }
}
