package org.hotline.ivr.followup;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.order.OrderContact;
import org.hotline.ivr.order.OrderContacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts each callback attempt on the order of the call being called back (found by its call id, or the request's
 * order id): number, outcome (answered, no-answer, busy, failed, seat-unreachable, unknown), Asterisk's words and
 * the seat, with the time it was known. The order's {@code callbackOutcome} field holds the latest outcome.
 */
public final class CallbackAttemptLog implements CallbackOutcomes {

    private static final Logger log = LoggerFactory.getLogger(CallbackAttemptLog.class);

    private final OrderContacts contacts;
    private final Clock clock;

    public CallbackAttemptLog(OrderContacts contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void record(CallbackRequest request, CallbackOutcome outcome) {
        MDC.put("callId", request.callbackId());
        try {
            Optional<String> orderId = contacts.orderOfCall(request.callbackId());
            String target = orderId.orElse(request.orderId());
            for (CallbackOutcome.Attempt attempt : outcome.attempts()) {
                OrderContact contact = new OrderContact("callback", attempt.number(), attempt.outcome(),
                        detail(attempt, request), clock.instant().toString());
                if (!contacts.record(target, contact, Map.of("callbackOutcome", attempt.outcome()))) {
                    log.warn("callback {} attempt {} ({}): no order {} to record it on", request.callbackId(),
                            attempt.number(), attempt.outcome(), target);
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The callback went as it went: a failed write must not turn a connected call into a failed one.
            log.warn("callback {} for order {}: outcome {} not recorded: {}", request.callbackId(), request.orderId(),
                    outcome.result(), e.toString());
        } finally {
            MDC.remove("callId");
        }
    }

    private static String detail(CallbackOutcome.Attempt attempt, CallbackRequest request) {
        String words = attempt.detail() == null ? "" : attempt.detail();
        return (words.isEmpty() ? "" : words + ", ") + "seat " + request.seatId();
    }
}
