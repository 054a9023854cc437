package org.hotline.ivr.flow;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.DraftOrderWriter;

/**
 * Draft orders through the order part: the call's facts (caller, language, menu path, transcript) go to
 * {@link DraftOrderWriter}, which classifies, locates and writes the draft, idempotently per call id.
 */
public final class OrderPartDrafts implements FlowServices.DraftOrders {

    private final DraftOrderWriter writer;

    public OrderPartDrafts(DraftOrderWriter writer) {
        this.writer = writer;
    }

    @Override
    public CompletionStage<String> draft(CallContext call) {
        return writer.draftAsync(facts(call)).thenApply(DraftOrder::orderId);
    }

    /** The menu path as the seat reads it: each node passed, with the key chosen where one was. */
    static CallFacts facts(CallContext call) {
        List<String> path = call.path().stream()
                .map(step -> isKeyed(step.type()) && !step.input().isEmpty() ? step.node() + ":" + step.input() : step.node())
                .toList();
        return new CallFacts(call.callId(), call.callerId(), call.language(), path, call.transcript(), call.recording(),
                Instant.now(), call.flow().timezone());
    }

    private static boolean isKeyed(String type) {
        return type.equals("menu") || type.equals("language") || type.equals("collect");
    }
}
