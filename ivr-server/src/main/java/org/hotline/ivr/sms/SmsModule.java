package org.hotline.ivr.sms;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ops.HealthCheck;
import org.hotline.ivr.ops.HealthRegistry;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.OrderEventFeed;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.order.Orders;
import org.hotline.ivr.order.ReceiptTexts;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS receipts wired for one node: the order events ({@code drafted} or {@code submitted}, as {@code sms.sendAt}
 * says) read in consumer group {@value #GROUP} queue receipts in the outbox, and the sender sends what is due; each
 * on a thread of its own (a slow gateway never delays the queueing). {@code /healthz} shows {@code sms}: queued,
 * dead letters, the last error (not required for readiness: calls go on without SMS).
 */
public final class SmsModule implements AutoCloseable {

    public static final String GROUP = "sms";
    private static final Logger log = LoggerFactory.getLogger(SmsModule.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final SmsOutbox outbox;
    private final SmsSender sender;
    private final ScheduledExecutorService pollers;

    private SmsModule(SmsOutbox outbox, SmsSender sender, ScheduledExecutorService pollers) {
        this.outbox = outbox;
        this.sender = sender;
        this.pollers = pollers;
    }

    /** Starts sending when {@code config.gateway()} is not {@code none}; either way {@code sms} is on the health page. */
    public static SmsModule start(IvrConfig.Sms config, String nodeId, RedisGateway redis, Orders orders,
                                  MeterRegistry metrics, HealthRegistry health) {
        SmsOutbox outbox = new SmsOutbox(redis);
        if (!config.enabled()) {
            health.register("sms", () -> new HealthCheck.Status(true, false, Map.of("gateway", "none")));
            log.info("SMS receipts off (sms.gateway: none)");
            return new SmsModule(outbox, null, null);
        }
        Clock clock = Clock.systemUTC();
        SmsGateway gateway = KannelGateway.from(config);
        SmsReceipts receipts = new SmsReceipts(ReceiptTexts.load(config.texts()), outbox, clock);
        SmsSender sender = new SmsSender(outbox, gateway, config.maxAttempts(), config.retryDelay(),
                config.maxRetryDelay(), config.timeout(), clock, metrics);
        OrderEventFeed feed = new OrderEventFeed(redis, OrderSettings.defaults().keys(), orders.store(), GROUP,
                Set.of(config.sendAt().equals("submit") ? "submitted" : "drafted"), nodeId, receipts::accept);
        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2, new DefaultThreadFactory("sms", true));
        SmsModule module = new SmsModule(outbox, sender, pollers);
        module.every(feed::poll);
        module.every(sender::sendDue);
        Gauge.builder("ivr_sms_outbox_queued", sender, s -> s.status().queued())
                .description("SMS waiting in the outbox (due now or retried later)").register(metrics);
        Gauge.builder("ivr_sms_outbox_dead", sender, s -> s.status().dead())
                .description("SMS dead-lettered after sms.maxAttempts").register(metrics);
        health.register("sms", () -> {
            SmsSender.Status status = sender.status();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("gateway", gateway.describe());
            detail.put("queued", status.queued());
            detail.put("dead", status.dead());
            detail.put("lastError", status.lastError());
            detail.put("lastSentAt", status.lastSentAt());
            return new HealthCheck.Status(status.lastError().isEmpty() && status.dead() == 0, false, detail);
        });
        log.info("SMS receipts through {} at {} of each described call's order", gateway.describe(), config.sendAt());
        return module;
    }

    private void every(Runnable job) {
        pollers.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("SMS poll failed: {}", e.toString());
            }
        }, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public SmsOutbox outbox() {
        return outbox;
    }

    @Override
    public void close() {
        if (pollers != null) {
            pollers.shutdownNow();
            try {
                pollers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
