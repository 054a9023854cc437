package org.hotline.ivr.sms;

import java.time.Clock;
import org.hotline.ivr.ops.PhoneNumbers;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.Receipt;
import org.hotline.ivr.order.ReceiptTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the receipt of each order handed to it (by the order event feed: drafted, or submitted): only for a call
 * the citizen described (a transcript or a recording: not a caller who only asked for progress), to a mobile
 * calling number, in the caller's language. Idempotent: an order handed twice (the feed is at least once) is
 * queued once.
 */
public final class SmsReceipts {

    private static final Logger log = LoggerFactory.getLogger(SmsReceipts.class);

    private final ReceiptTexts texts;
    private final SmsOutbox outbox;
    private final Clock clock;

    public SmsReceipts(ReceiptTexts texts, SmsOutbox outbox, Clock clock) {
        this.texts = texts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Throws when Redis cannot take it: the feed then hands the order again. */
    public void accept(DraftOrder order) {
        if (order.transcript().isEmpty() && order.recordingPath().isEmpty()) {
            log.debug("no SMS receipt for order {}: the caller described nothing", order.orderId());
            return;
        }
        Receipt receipt = texts.receiptFor(order).orElse(null);
        if (receipt == null) {
            log.info("no SMS receipt for order {}: caller {} is not a mobile number", order.orderId(),
                    PhoneNumbers.mask(order.callerNumber()));
            return;
        }
        SmsOutbox.Enqueued done = outbox.enqueue(receipt, clock.instant());
        switch (done) {
            case QUEUED -> log.info("SMS receipt for order {} queued for {} ({})", order.orderId(),
                    PhoneNumbers.mask(receipt.to()), receipt.language());
            case EXISTS -> log.debug("SMS receipt for order {} already queued or sent", order.orderId());
            case OPTED_OUT -> log.info("no SMS receipt for order {}: {} opted out of SMS", order.orderId(),
                    PhoneNumbers.mask(receipt.to()));
        }
    }
}
