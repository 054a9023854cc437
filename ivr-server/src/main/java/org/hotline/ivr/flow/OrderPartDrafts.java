package org.hotline.ivr.flow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DispatchDeadlines;
import org.hotline.ivr.order.DraftOrderWriter;
import org.hotline.ivr.order.DraftSpool;
import org.hotline.ivr.order.PendingDrafts;
import org.hotline.ivr.order.ProgressLookup;
import org.hotline.ivr.redis.RedisUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draft orders through the order part: the call's facts (caller, language, menu path, transcript) go to
 * {@link DraftOrderWriter}, which classifies, locates and writes the draft, idempotently per call id. With a
 * {@link DraftSpool}, a draft Redis has not taken within {@code timeout} (away, stalled, refusing writes) is kept
 * in the spool instead and completes with "": the caller goes on at once, the draft reaches Redis later. A draft
 * the master took but no replica confirmed (Sentinel/Cluster's {@code WAIT} timed out) completes with its order id
 * and is kept in the spool as well, until a replay is confirmed: a failover in between must not lose it.
 */
public final class OrderPartDrafts implements FlowServices.DraftOrders {

    private static final Logger log = LoggerFactory.getLogger(OrderPartDrafts.class);

    private final DraftOrderWriter writer;
    private final DraftSpool spool;
    private final PendingDrafts pending;
    private final Duration timeout;
    private final ProgressLookup progress;

    /** Without a spool: a draft Redis does not take fails the stage. */
    public OrderPartDrafts(DraftOrderWriter writer) {
        this(writer, null, null, Duration.ZERO);
    }

    /** {@code pending}: the descriptions under way on this node, whose record goes once their draft is kept. */
    public OrderPartDrafts(DraftOrderWriter writer, DraftSpool spool, PendingDrafts pending, Duration timeout) {
        this(writer, spool, pending, timeout, null);
    }

    private OrderPartDrafts(DraftOrderWriter writer, DraftSpool spool, PendingDrafts pending, Duration timeout,
                            ProgressLookup progress) {
        this.writer = writer;
        this.spool = spool;
        this.pending = pending;
        this.timeout = timeout;
        this.progress = progress;
    }

    /** The same, telling callers their cases through {@code lookup}. */
    public OrderPartDrafts answeringProgress(ProgressLookup lookup) {
        return new OrderPartDrafts(writer, spool, pending, timeout, lookup);
    }

    /** Statuses as the caller hears them: a draft or a submitted order is "received". */
    @Override
    public CompletionStage<FlowServices.CaseStatus> progress(CallContext call, String entered) {
        if (progress == null) {
            return CompletableFuture.completedFuture(FlowServices.CaseStatus.NOT_FOUND);
        }
        return progress.findAsync(call.callerId(), entered).thenApply(found -> found.map(order -> {
            String status = switch (order.status()) {
                case DRAFT, SUBMITTED -> "received";
                default -> order.status().id();
            };
            Instant dispatchBy = status.equals("received") && !order.dispatchBy().isEmpty()
                    ? OffsetDateTime.parse(order.dispatchBy(), DispatchDeadlines.FORMAT).toInstant() : null;
            return new FlowServices.CaseStatus(order.orderId(), progress.keyedNumber(order.orderId()), status, dispatchBy);
        }).orElse(FlowServices.CaseStatus.NOT_FOUND));
    }

    @Override
    public CompletionStage<String> draft(CallContext call) {
        CallFacts facts = facts(call);
        CompletableFuture<DraftOrderWriter.Drafted> written = writer.draftAsync(facts).toCompletableFuture();
        if (spool == null) {
            return written.thenApply(drafted -> drafted.order().orderId());
        }
        // The write to Redis may still land after the timeout: the spool's replay then finds the same order.
        return written.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((drafted, failure) -> {
            if (failure != null && !RedisUnavailableException.isCauseOf(failure)) {
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            if (failure != null) {
                log.warn("call {}: Redis did not take the draft ({}); spooling it", facts.callId(), failure.toString());
                spool.keep(facts);
            } else if (!drafted.replicated()) {
                log.warn("call {}: order {} is on the master but no replica confirmed it; spooling it until one does",
                        facts.callId(), drafted.order().orderId());
                spool.keep(facts);
            }
            if (pending != null) {
                pending.drafted(facts.callId());
            }
            return failure == null ? drafted.order().orderId() : "";
        });
    }

    /** The menu path as the seat reads it: each node passed, with the key chosen where one was. */
    static CallFacts facts(CallContext call) {
        List<String> path = call.path().stream()
                .map(step -> isKeyed(step.type()) && !step.input().isEmpty() ? step.node() + ":" + step.input() : step.node())
                .toList();
        return facts(call, path);
    }

    /** The same while the caller is at {@code node}, not yet on the path (a description just starting). */
    static CallFacts facts(CallContext call, String node) {
        List<String> path = new ArrayList<>(facts(call).menuPath());
        path.add(node);
        return facts(call, path);
    }

    private static CallFacts facts(CallContext call, List<String> path) {
        return new CallFacts(call.callId(), call.callerId(), call.language(), path, call.transcript(), call.recording(),
                Instant.now(), call.flow().timezone());
    }

    private static boolean isKeyed(String type) {
        return type.equals("menu") || type.equals("language") || type.equals("collect");
    }
}
