package org.hotline.ivr.ami;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerError;

/**
 * Places asynchronous Originates through whichever link is up and completes each with its
 * OriginateResponse, matched by ActionID. No thread waits for a phone to ring.
 */
public final class Originator implements AmiSubscriber {

    /** Beyond the ring timeout, how long Asterisk may take to report. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final AmiLinks links;
    private final ScheduledExecutorService timers;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public Originator(AmiLinks links, ScheduledExecutorService timers) {
        this.links = links;
        this.timers = timers;
    }

    /** Sends {@code action} (made asynchronous, given an ActionID); the stage never fails, it reports. */
    public CompletionStage<OriginateResult> originate(OriginateAction action) {
        CompletableFuture<OriginateResult> result = new CompletableFuture<>();
        AmiLink link = links.anyUp().orElse(null);
        if (link == null) {
            result.complete(OriginateResult.failed(OriginateResult.Kind.LINK_LOST, "no AMI link is up"));
            return result;
        }
        String actionId = "ivr-" + UUID.randomUUID();
        action.setActionId(actionId);
        action.setAsync(true);
        pending.put(actionId, new Pending(link.name(), result));
        long wait = (action.getTimeout() == null ? 30_000 : action.getTimeout()) + MARGIN.toMillis();
        timers.schedule(() -> finish(actionId, OriginateResult.failed(OriginateResult.Kind.TIMED_OUT,
                "no OriginateResponse within " + wait + " ms")), wait, TimeUnit.MILLISECONDS);
        try {
            link.send(action, response -> {
                if (response instanceof ManagerError) {
                    finish(actionId, OriginateResult.failed(OriginateResult.Kind.REJECTED, response.getMessage()));
                }
            });
        } catch (AmiUnavailableException e) {
            finish(actionId, OriginateResult.failed(OriginateResult.Kind.LINK_LOST, e.getMessage()));
        }
        return result;
    }

    @Override
    public void onEvent(AmiLink link, ManagerEvent event) {
        if (event instanceof OriginateResponseEvent response && response.getActionId() != null) {
            int reason = response.getReason() == null ? 0 : response.getReason();
            OriginateResult.Kind kind = response.isSuccess() || reason == 4
                    ? OriginateResult.Kind.ANSWERED : OriginateResult.Kind.NOT_ANSWERED;
            finish(response.getActionId(), new OriginateResult(kind, reason, response.getUniqueId(), response.getResponse(),
                    link.name()));
        }
    }

    /** Originates in flight on a lost link will never be reported: say so now. */
    @Override
    public void onLinkDown(AmiLink link) {
        pending.forEach((actionId, waiting) -> {
            if (waiting.link.equals(link.name())) {
                finish(actionId, OriginateResult.failed(OriginateResult.Kind.LINK_DROPPED,
                        "AMI link " + link.name() + " dropped after the Originate was sent"));
            }
        });
    }

    private void finish(String actionId, OriginateResult result) {
        Pending waiting = pending.remove(actionId);
        if (waiting != null) {
            waiting.result.complete(result);
        }
    }

    private record Pending(String link, CompletableFuture<OriginateResult> result) {
    }
}
