package org.hotline.ivr.order;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order as a flat Redis hash: one field per value, lists as JSON. The history lives in a list of its
 * own (one JSON edit per entry) so that an edit appends instead of rewriting.
 */
final class OrderHash {

    private static final ObjectMapper JSON = Json.mapper();

    private OrderHash() {
    }

    static Map<String, String> toHash(DraftOrder order) {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("orderId", order.orderId());
        hash.put("callId", order.callId());
        hash.put("callerNumber", order.callerNumber());
        hash.put("language", order.language());
        hash.put("menuPath", json(order.menuPath()));
        hash.put("transcript", order.transcript());
        hash.put("recordingPath", order.recordingPath());
        hash.put("category", order.category());
        hash.put("subCategory", order.subCategory());
        hash.put("district", order.district());
        hash.put("street", order.street());
        hash.put("community", order.community());
        hash.put("urgency", order.urgency());
        hash.put("emergencyDial", order.emergencyDial());
        hash.put("summary", order.summary());
        hash.put("handlingUnit", order.handlingUnit());
        hash.put("dispatchBy", order.dispatchBy());
        hash.put("earlierOrders", json(order.earlierOrders()));
        hash.put("repeat", String.valueOf(order.repeat()));
        hash.put("status", order.status().id());
        hash.put("evidence", json(order.evidence()));
        hash.put("createdAt", order.createdAt());
        hash.put("updatedAt", order.updatedAt());
        hash.put("dispatchedTo", order.progress().dispatchedTo());
        hash.put("dispatchedAt", order.progress().dispatchedAt());
        hash.put("handledAt", order.progress().handledAt());
        hash.put("type", order.handling().type());
        hash.put("handling", order.handling().handling());
        hash.put("replyRequired", String.valueOf(order.handling().replyRequired()));
        hash.put("confidential", String.valueOf(order.handling().confidential()));
        hash.put("contactName", order.handling().contactName());
        hash.put("callbackNumber", order.handling().callbackNumber());
        hash.put("repeatOf", order.handling().repeatOf());
        return hash;
    }

    static DraftOrder fromHash(Map<String, String> hash, List<String> historyEntries) {
        return new DraftOrder(
                hash.get("orderId"), text(hash, "callId"), text(hash, "callerNumber"), text(hash, "language"),
                list(hash.get("menuPath"), new TypeReference<List<String>>() { }),
                text(hash, "transcript"), text(hash, "recordingPath"),
                text(hash, "category"), text(hash, "subCategory"),
                text(hash, "district"), text(hash, "street"), text(hash, "community"),
                text(hash, "urgency"), text(hash, "emergencyDial"), text(hash, "summary"), text(hash, "handlingUnit"),
                text(hash, "dispatchBy"),
                list(hash.get("earlierOrders"), new TypeReference<List<EarlierOrder>>() { }),
                Boolean.parseBoolean(hash.get("repeat")),
                OrderStatus.parse(hash.getOrDefault("status", "draft")),
                list(hash.get("evidence"), new TypeReference<List<String>>() { }),
                text(hash, "createdAt"), text(hash, "updatedAt"),
                new CaseProgress(text(hash, "dispatchedTo"), text(hash, "dispatchedAt"), text(hash, "handledAt"),
                        count(hash.get("rehandled")), text(hash, "rehandleReason"), text(hash, "rehandledAt")),
                historyEntries.stream().map(OrderHash::edit).toList(),
                new OrderHandling(text(hash, "type"), text(hash, "handling"),
                        Boolean.parseBoolean(hash.get("replyRequired")), Boolean.parseBoolean(hash.get("confidential")),
                        text(hash, "contactName"), text(hash, "callbackNumber"), text(hash, "repeatOf")));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order field not serializable", e);
        }
    }

    private static Edit edit(String entry) {
        try {
            Map<String, String> map = JSON.readValue(entry, new TypeReference<Map<String, String>>() { });
            return new Edit(map.get("seat"), map.get("field"), map.get("old"), map.get("new"), map.get("at"));
        } catch (JsonProcessingException e) {
            return new Edit("", "", "", entry, "");
        }
    }

    private static <T> List<T> list(String json, TypeReference<List<T>> type) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order field is not the JSON list it should be: " + json, e);
        }
    }

    private static int count(String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(Map<String, String> hash, String field) {
        return hash.getOrDefault(field, "");
    }
}
