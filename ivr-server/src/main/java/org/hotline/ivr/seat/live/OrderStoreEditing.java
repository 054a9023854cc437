package org.hotline.ivr.seat.live;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hotline.ivr.order.Edit;
import org.hotline.ivr.order.OrderEditException;
import org.hotline.ivr.order.OrderHandling;
import org.hotline.ivr.order.OrderRules;
import org.hotline.ivr.order.OrderStore;
import org.hotline.ivr.seat.DraftOrder;
import org.hotline.ivr.seat.OrderEdit;
import org.hotline.ivr.seat.OrderEditing;
import org.hotline.ivr.seat.OrderSummary;

/**
 * The form on the order store. The form's category is {@code category} or {@code category/subCategory}; its
 * location is the district, street and community separated by spaces ("朝阳区 双井街道 富力城"), as the place
 * suggestions offer them. The store checks every field and records the seat in the order's history.
 */
public final class OrderStoreEditing implements OrderEditing {

    private final OrderStore store;
    private final OrderRules rules;

    /** @param rules the dispatch rules, for the unit picker's choices at the order's place */
    public OrderStoreEditing(OrderStore store, OrderRules rules) {
        this.store = store;
        this.rules = rules;
    }

    @Override
    public Optional<DraftOrder> find(String orderId) {
        return store.get(orderId).map(this::form);
    }

    @Override
    public DraftOrder save(String orderId, OrderEdit edit, String seatId) {
        try {
            return form(store.update(orderId, fields(edit), seatId));
        } catch (OrderEditException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public DraftOrder submit(String orderId, OrderEdit edit, String seatId) {
        try {
            store.update(orderId, fields(edit), seatId);
            return form(store.submit(orderId, seatId));
        } catch (OrderEditException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public List<OrderSummary> earlierOf(String callerNumber, String exceptOrderId, int limit) {
        return store.listByCaller(callerNumber, limit + 1).stream()
                .filter(order -> !order.orderId().equals(exceptOrderId))
                .limit(limit)
                .map(order -> new OrderSummary(order.orderId(), instant(order.createdAt()), code(order),
                        order.status().id(), order.summary()))
                .toList();
    }

    static Map<String, String> fields(OrderEdit edit) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!edit.category().isEmpty()) {
            // a partial draft (no category chosen yet) keeps what it had: submitting is what needs one
            String[] category = edit.category().split("/", 2);
            fields.put("category", category[0]);
            fields.put("subCategory", category.length > 1 ? category[1] : "");
        }
        String[] place = edit.location().isEmpty() ? new String[0] : edit.location().split("\\s+", 3);
        fields.put("district", place.length > 0 ? place[0] : "");
        fields.put("street", place.length > 1 ? place[1] : "");
        fields.put("community", place.length > 2 ? place[2] : "");
        if (!edit.urgency().isEmpty()) {
            fields.put("urgency", edit.urgency());
        }
        fields.put("summary", edit.summary());
        fields.putAll(edit.decisions());
        return fields;
    }

    private DraftOrder form(org.hotline.ivr.order.DraftOrder order) {
        String location = Stream.of(order.district(), order.street(), order.community())
                .filter(part -> part != null && !part.isEmpty()).collect(Collectors.joining(" "));
        List<Edit> history = order.history();
        String editedBy = history.isEmpty() ? "" : history.get(history.size() - 1).seat();
        OrderHandling handling = order.handling();
        return new DraftOrder(order.orderId(), order.callId(), code(order), location, order.urgency(), order.summary(),
                order.status().id(), editedBy, instant(order.updatedAt() == null || order.updatedAt().isEmpty()
                        ? order.createdAt() : order.updatedAt()), order.dispatchBy(), order.community(),
                order.handlingUnit(), rules.unitsFor(order.category(), order.subCategory(), order.district(), order.street()),
                handling.type(), handling.handling(), handling.replyRequired(), handling.confidential(),
                handling.contactName(), handling.callbackNumber(), handling.repeatOf(), order.emergencyDial(),
                order.repeat(), amendments(history), history.stream()
                        .filter(edit -> edit.field().equals("status") && "submitted".equals(edit.newValue()))
                        .map(edit -> instant(edit.at())).filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }

    /** The changes after the order was submitted (the history's entries after its status became submitted). */
    private static List<DraftOrder.Amendment> amendments(List<Edit> history) {
        int submitted = -1;
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).field().equals("status") && "submitted".equals(history.get(i).newValue())) {
                submitted = i;
            }
        }
        if (submitted < 0) {
            return List.of();
        }
        return history.subList(submitted + 1, history.size()).stream()
                .filter(edit -> !edit.field().equals("unitPicked") && !edit.field().equals("status")
                        && !edit.field().equals("handledAt"))
                .map(edit -> new DraftOrder.Amendment(edit.seat(), edit.field(), edit.oldValue(), edit.newValue(), edit.at()))
                .toList();
    }

    private static String code(org.hotline.ivr.order.DraftOrder order) {
        return order.subCategory() == null || order.subCategory().isEmpty() ? order.category()
                : order.category() + "/" + order.subCategory();
    }

    private static Instant instant(String text) {
        try {
            return text == null || text.isEmpty() ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
