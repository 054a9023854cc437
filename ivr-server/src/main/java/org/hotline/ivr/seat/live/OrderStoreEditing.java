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

    public OrderStoreEditing(OrderStore store) {
        this.store = store;
    }

    @Override
    public Optional<DraftOrder> find(String orderId) {
        return store.get(orderId).map(OrderStoreEditing::form);
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
        return fields;
    }

    private static DraftOrder form(org.hotline.ivr.order.DraftOrder order) {
        String location = Stream.of(order.district(), order.street(), order.community())
                .filter(part -> part != null && !part.isEmpty()).collect(Collectors.joining(" "));
        List<Edit> history = order.history();
        String editedBy = history.isEmpty() ? "" : history.get(history.size() - 1).seat();
        return new DraftOrder(order.orderId(), order.callId(), code(order), location, order.urgency(), order.summary(),
                order.status().id(), editedBy, instant(order.updatedAt() == null || order.updatedAt().isEmpty()
                        ? order.createdAt() : order.updatedAt()), order.dispatchBy());
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
