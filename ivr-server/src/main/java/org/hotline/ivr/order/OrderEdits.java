package org.hotline.ivr.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the fields a seat sends before anything is written: only editable fields, only text, known
 * categories, sub-categories of the category, districts of the gazetteer (any of a district's names is
 * taken and stored canonically: 朝阳 -> 朝阳区), streets of the district, and a valid urgency. A changed urgency
 * changes the dispatch deadline with it.
 */
final class OrderEdits {

    static final List<String> EDITABLE = List.of("category", "subCategory", "district", "street", "community",
            "urgency", "summary", "handlingUnit", "type", "handling", "replyRequired", "confidential", "contactName",
            "callbackNumber", "repeatOf");
    private static final Set<String> URGENCIES = Set.of("normal", "high", "emergency");
    private static final Set<String> HANDLINGS = Set.of("", OrderHandling.DIRECT, OrderHandling.DISPATCH);
    private static final Set<String> FLAGS = Set.of("", "true", "false");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[0-9+\\- ]{0,32}");
    private static final java.util.regex.Pattern ORDER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{0,64}");
    private static final int MAX_SUMMARY = 2000;
    private static final int MAX_FIELD = 200;

    private final OrderRules rules;

    OrderEdits(OrderRules rules) {
        this.rules = rules;
    }

    /** The changes to apply to {@code current}, checked and canonical; throws naming the first bad field. */
    Map<String, String> check(Map<String, ?> fields, DraftOrder current) {
        if (fields.isEmpty()) {
            throw invalid("fields", "nothing to change; editable fields are " + EDITABLE);
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            String field = entry.getKey();
            if (!EDITABLE.contains(field)) {
                throw invalid(field, "cannot be edited; editable fields are " + EDITABLE);
            }
            if (!(entry.getValue() instanceof String value)) {
                throw invalid(field, "must be a string");
            }
            int max = field.equals("summary") ? MAX_SUMMARY : MAX_FIELD;
            if (value.length() > max) {
                throw invalid(field, "is longer than " + max + " characters");
            }
            changes.put(field, value.strip());
        }
        checkCategory(changes, current);
        checkPlace(changes, current);
        checkHandling(changes, current);
        suggestUnit(changes, current);
        String urgency = changes.get("urgency");
        if (urgency != null && !URGENCIES.contains(urgency)) {
            throw invalid("urgency", "must be one of " + URGENCIES);
        }
        if (urgency != null && !urgency.equals(current.urgency()) && !current.dispatchBy().isEmpty()) {
            changes.put("dispatchBy", deadline(current, Urgency.Level.parse(urgency)));
        }
        return changes;
    }

    /**
     * The deadline the order would have had with {@code level}: same acceptance time, same offset (the offset
     * stands in for the flow's zone, exact for zones without summer time such as Beijing's).
     */
    private String deadline(DraftOrder current, Urgency.Level level) {
        ZoneId offset = OffsetDateTime.parse(current.dispatchBy(), DispatchDeadlines.FORMAT).getOffset();
        return rules.deadlines().format(Instant.parse(current.createdAt()), level, offset);
    }

    private void checkCategory(Map<String, String> changes, DraftOrder current) {
        String category = changes.getOrDefault("category", current.category());
        if (changes.containsKey("category") && !category.equals(Category.UNCLASSIFIED)
                && rules.taxonomy().category(category).isEmpty()) {
            throw invalid("category", "no such category '" + category + "'");
        }
        if (changes.containsKey("category") && !changes.containsKey("subCategory")
                && !category.equals(current.category())) {
            changes.put("subCategory", "");
        }
        String sub = changes.getOrDefault("subCategory", current.subCategory());
        boolean subKnown = sub.isEmpty() || rules.taxonomy().category(category)
                .flatMap(c -> c.subCategory(sub)).isPresent();
        if (!subKnown) {
            throw invalid("subCategory", "'" + sub + "' is not a sub-category of '" + category + "'");
        }
    }

    private void checkPlace(Map<String, String> changes, DraftOrder current) {
        if (changes.containsKey("district")) {
            String given = changes.get("district");
            if (!given.isEmpty()) {
                String canonical = rules.gazetteer().district(given)
                        .orElseThrow(() -> invalid("district", "no such district '" + given + "'"));
                changes.put("district", canonical);
            }
            if (!changes.containsKey("street") && !changes.get("district").equals(current.district())) {
                changes.put("street", "");
            }
        }
        String district = changes.getOrDefault("district", current.district());
        String street = changes.getOrDefault("street", current.street());
        if (changes.containsKey("street") && !street.isEmpty() && !rules.gazetteer().hasStreet(district, street)) {
            throw invalid("street", "'" + street + "' is not a street or town of '" + district + "'");
        }
    }

    private static void checkHandling(Map<String, String> changes, DraftOrder current) {
        String type = changes.get("type");
        if (type != null && !type.isEmpty() && !OrderHandling.TYPES.contains(type)) {
            throw invalid("type", "must be one of " + OrderHandling.TYPES);
        }
        if (changes.containsKey("handling") && !HANDLINGS.contains(changes.get("handling"))) {
            throw invalid("handling", "must be direct or dispatch");
        }
        for (String flag : List.of("replyRequired", "confidential")) {
            if (changes.containsKey(flag) && !FLAGS.contains(changes.get(flag))) {
                throw invalid(flag, "must be true or false");
            }
        }
        if (changes.containsKey("callbackNumber") && !NUMBER.matcher(changes.get("callbackNumber")).matches()) {
            throw invalid("callbackNumber", "is not a phone number (digits, +, - and spaces)");
        }
        String repeatOf = changes.get("repeatOf");
        if (repeatOf != null && (!ORDER_ID.matcher(repeatOf).matches() || repeatOf.equals(current.orderId()))) {
            throw invalid("repeatOf", "is not another order's id");
        }
    }

    /**
     * A change of category or place moves the suggested unit with it, unless the seat picked a unit of its own
     * (now or before): a unit sent unchanged (the form sends what it shows) counts as not picked.
     */
    private void suggestUnit(Map<String, String> changes, DraftOrder current) {
        String category = changes.getOrDefault("category", current.category());
        String sub = changes.getOrDefault("subCategory", current.subCategory());
        String district = changes.getOrDefault("district", current.district());
        String street = changes.getOrDefault("street", current.street());
        boolean moved = !category.equals(current.category()) || !sub.equals(current.subCategory())
                || !district.equals(current.district()) || !street.equals(current.street());
        String sent = changes.get("handlingUnit");
        boolean picked = sent != null && !sent.isEmpty() && !sent.equals(current.handlingUnit());
        boolean pickedBefore = current.history().stream()
                .anyMatch(edit -> edit.field().equals("unitPicked") && "true".equals(edit.newValue()));
        if (picked) {
            changes.put("unitPicked", "true"); // in the hash and the history: later moves keep the seat's unit
        }
        if (moved && !picked && !pickedBefore) {
            changes.put("handlingUnit", rules.unitFor(category, sub, district, street));
        } else if (sent != null && sent.isEmpty()) {
            changes.remove("handlingUnit"); // an empty picker keeps the unit: every order has one
        }
    }

    private static OrderEditException invalid(String field, String message) {
        return new OrderEditException(OrderEditException.Kind.INVALID, field, message);
    }
}
