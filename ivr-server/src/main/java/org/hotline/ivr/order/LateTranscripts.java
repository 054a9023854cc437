package org.hotline.ivr.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transcript that comes after the call (a model installed later, {@code ./ivr transcribe --backfill}): it goes
 * on an order that has none, whatever its status; a draft not yet submitted is classified again from it (category,
 * place, urgency, summary, unit, deadline). Nothing a seat has edited is touched: those fields keep the seat's
 * value. The history names {@link #ACTOR} for what changed.
 */
public final class LateTranscripts {

    public static final String ACTOR = "transcribe-backfill";

    /** What attaching did: the fields changed, or why nothing was. */
    public record Outcome(List<String> changed, String skipped) {
        public boolean attached() {
            return changed.contains("transcript");
        }
    }

    private final OrderStore store;
    private final OrderRules rules;

    public LateTranscripts(OrderStore store, OrderRules rules) {
        this.store = store;
        this.rules = rules;
    }

    public Outcome attach(DraftOrder order, String transcript) {
        if (!order.transcript().isBlank()) {
            return new Outcome(List.of(), "has a transcript");
        }
        if (transcript.isBlank()) {
            return new Outcome(List.of(), "nothing recognized");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("transcript", transcript);
        List<String> changed = new ArrayList<>(store.fillIn(order.orderId(), fields, ACTOR,
                "|draft|submitted|dispatched|handled|closed|"));
        if (order.status() == OrderStatus.DRAFT) {
            try {
                changed.addAll(store.fillIn(order.orderId(), classified(order, transcript), ACTOR, "|draft|"));
            } catch (OrderEditException submittedMeanwhile) {
                // A seat submitted it between the two writes: its classification is the seat's now.
            }
        }
        return new Outcome(changed, changed.isEmpty() ? "a seat has edited it" : "");
    }

    private Map<String, String> classified(DraftOrder order, String transcript) {
        Assessment a = rules.assess(order.language(), transcript, order.menuPath());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("category", a.classification().category());
        fields.put("subCategory", a.classification().subCategory());
        fields.put("district", a.location().district());
        fields.put("street", a.location().street());
        fields.put("community", a.location().community());
        fields.put("urgency", a.urgency().level().id());
        fields.put("emergencyDial", a.urgency().dial());
        fields.put("summary", a.summary());
        fields.put("handlingUnit", a.unit());
        List<String> evidence = new ArrayList<>(a.classification().phrases());
        evidence.addAll(a.location().phrases());
        evidence.addAll(a.urgency().rules().stream().map(rule -> "urgency:" + rule).toList());
        fields.put("evidence", OrderHash.json(evidence));
        if (!a.urgency().level().id().equals(order.urgency())) {
            // The deadline follows the urgency, counted from when the call came (in the hotline's zone).
            fields.put("dispatchBy", rules.deadlines().format(Instant.parse(order.createdAt()), a.urgency().level(),
                    CallFacts.DEFAULT_ZONE));
        }
        return fields;
    }
}
