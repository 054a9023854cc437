package org.hotline.ivr.order;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.redis.RedisGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-handling (重办) and escalation (督办) from the citizen's survey: each {@code survey} event on the order stream
 * (consumer group {@value #GROUP}, one node each) whose answers say "not resolved" or "dissatisfied" reopens the
 * order ({@link OrderStore#reopen}): back to its unit, the second time escalated. A repeated event finds the order
 * already reopened and changes nothing.
 */
public final class Rehandling implements AutoCloseable {

    public static final String GROUP = "rehandle";
    private static final Logger log = LoggerFactory.getLogger(Rehandling.class);

    private final OrderStore store;
    private final ScheduledExecutorService poller;

    Rehandling(OrderStore store, ScheduledExecutorService poller) {
        this.store = store;
        this.poller = poller;
    }

    /** Follows the survey events from now on, polling every second on a thread of its own. */
    public static Rehandling start(RedisGateway redis, OrderKeys keys, OrderStore store, String nodeId) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("rehandling", true));
        Rehandling rehandling = new Rehandling(store, poller);
        OrderEventFeed feed = new OrderEventFeed(redis, keys, store, GROUP, Set.of("survey"), nodeId,
                rehandling::surveyed);
        poller.scheduleWithFixedDelay(() -> {
            try {
                feed.poll();
            } catch (RuntimeException e) {
                log.warn("re-handling poll failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        return rehandling;
    }

    /** Reopens {@code order} if its survey answers ask for it. */
    void surveyed(DraftOrder order) {
        Map<String, String> answers = store.surveyAnswers(order.orderId());
        String reason = "no".equals(answers.get("surveyResolved")) ? "not resolved"
                : "dissatisfied".equals(answers.get("surveySatisfaction")) ? "dissatisfied" : "";
        if (reason.isEmpty()) {
            return;
        }
        String answer = "resolved=" + blank(answers.get("surveyResolved")) + " satisfaction="
                + blank(answers.get("surveySatisfaction"));
        store.reopen(order.orderId(), reason, answer).ifPresent(reopened -> log.info(
                "order {} reopened as {} ({}, {} time(s)): back to {}", reopened.orderId(), reopened.status().id(),
                reason, reopened.progress().rehandled(), reopened.handlingUnit()));
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
