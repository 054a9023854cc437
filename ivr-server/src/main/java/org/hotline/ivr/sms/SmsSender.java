package org.hotline.ivr.sms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline.ivr.ops.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's due messages through the gateway, one at a time: accepted, the message is done; refused or
 * unanswered, it is tried again after a delay doubling from {@code retryDelay} up to {@code maxRetryDelay}, and
 * after {@code maxAttempts} it is a dead letter. A message is leased while it is sent; only a crash between the
 * gateway's "Accepted" and the next Redis write can send it twice (at least once, never lost).
 */
public final class SmsSender {

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
    private static final int BATCH = 20;

    private final SmsOutbox outbox;
    private final SmsGateway gateway;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final Duration lease;
    private final Clock clock;
    private final Counter sentCount;
    private final Counter failedCount;
    private volatile Status status = new Status(0, 0, "", "");

    public SmsSender(SmsOutbox outbox, SmsGateway gateway, int maxAttempts, Duration retryDelay, Duration maxRetryDelay,
                     Duration timeout, Clock clock, MeterRegistry metrics) {
        this.outbox = outbox;
        this.gateway = gateway;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
        this.maxRetryDelay = maxRetryDelay;
        // Longer than one request can take, so no other node takes a message while this one still waits for it.
        this.lease = timeout.multipliedBy(3).plusSeconds(5);
        this.clock = clock;
        this.sentCount = Counter.builder("ivr_sms_sent_total").description("SMS the gateway accepted").register(metrics);
        this.failedCount = Counter.builder("ivr_sms_send_failures_total")
                .description("SMS attempts the gateway refused or did not answer").register(metrics);
    }

    /**
     * What {@code /healthz} and the metrics show, as of the last run (read without touching Redis): messages queued
     * and dead, the last error (empty once a message went through again) and when the last one was accepted.
     */
    public record Status(long queued, long dead, String lastError, String lastSentAt) {
    }

    public Status status() {
        return status;
    }

    /** Sends what is due now; returns how many the gateway accepted. Blocks on Redis and the gateway. */
    public int sendDue() {
        int accepted = 0;
        List<String> keys = outbox.claim(clock.instant(), lease, BATCH);
        for (String key : keys) {
            Optional<SmsOutbox.Message> message = outbox.startAttempt(key);
            if (message.isPresent() && send(message.get())) {
                accepted++;
            }
        }
        Status last = status;
        status = new Status(outbox.queued(), outbox.dead(), last.lastError(), last.lastSentAt());
        return accepted;
    }

    private boolean send(SmsOutbox.Message message) {
        SmsGateway.SendResult result = gateway.send(message.to(), message.text());
        Instant now = clock.instant();
        String to = PhoneNumbers.mask(message.to());
        if (result.accepted()) {
            outbox.sent(message.key(), now, result.answer());
            sentCount.increment();
            status = new Status(status.queued(), status.dead(), "", now.toString());
            log.info("SMS {} to {} accepted by {} (attempt {}): {}", message.key(), to, gateway.describe(),
                    message.attempts(), result.answer());
            return true;
        }
        failedCount.increment();
        String error = result.describe() + hint(result);
        status = new Status(status.queued(), status.dead(), error, status.lastSentAt());
        if (message.attempts() >= maxAttempts) {
            outbox.dead(message.key(), now, error);
            log.error("SMS {} to {} dead-lettered after {} attempts; last answer of {}: {}", message.key(), to,
                    message.attempts(), gateway.describe(), error);
            return false;
        }
        Duration delay = delay(message.attempts());
        outbox.retry(message.key(), now.plus(delay), error);
        log.warn("SMS {} to {} not sent by {} (attempt {} of {}): {}; kept in the outbox, next try in {}s",
                message.key(), to, gateway.describe(), message.attempts(), maxAttempts, error, delay.toSeconds());
        return false;
    }

    /** After attempt {@code n} (1, 2 ...): retryDelay, twice that, ... at most maxRetryDelay. */
    Duration delay(int attempt) {
        Duration delay = retryDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }

    private static String hint(SmsGateway.SendResult result) {
        return result.status() == 403 ? "; check sms.kannel.user and the password in the environment (sms.kannel.passwordEnv)"
                : "";
    }
}
