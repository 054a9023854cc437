package org.hotline.ivr.ami;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes what AMI reports about calls to the log, under the call's id. FastAGI calls end by themselves
 * when Asterisk closes their socket, and the queue hears of callbacks through its own bridge, so for now
 * the log is the record; a later step puts callback outcomes on the order itself.
 */
public final class AmiEventLog implements CallHangups, CallbackOutcomes {

    private static final Logger log = LoggerFactory.getLogger(AmiEventLog.class);

    @Override
    public void hungUp(CallHangup hangup) {
        MDC.put("callId", hangup.uniqueId());
        try {
            log.debug("channel {} on {} hung up (cause {})", hangup.channel(), hangup.server(), hangup.cause());
        } finally {
            MDC.remove("callId");
        }
    }

    @Override
    public void stillActive(String server, Set<String> uniqueIds) {
        log.info("{} channels alive on {} after (re)connecting", uniqueIds.size(), server);
    }

    @Override
    public void record(CallbackRequest request, CallbackOutcome outcome) {
        MDC.put("callId", request.callbackId());
        try {
            log.info("callback for order {} by seat {}: {}", request.orderId(), request.seatId(), outcome.result());
        } finally {
            MDC.remove("callId");
        }
    }
}
