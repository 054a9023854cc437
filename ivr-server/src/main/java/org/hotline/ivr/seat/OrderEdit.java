package org.hotline.ivr.seat;

import java.util.List;
import java.util.Set;

/**
 * The form's fields as the operator left them; {@link #problems} lists what is wrong, naming each field.
 * {@code decisions} holds the handling fields the form sent (type, handling, handlingUnit, replyRequired,
 * confidential, contactName, callbackNumber, repeatOf), only those it sent: the order store checks them.
 */
public record OrderEdit(String category, String location, String urgency, String summary,
                        java.util.Map<String, String> decisions) {

    /** The handling fields the form may send, as the order store names them. */
    public static final List<String> DECISIONS = List.of("type", "handling", "handlingUnit", "replyRequired",
            "confidential", "contactName", "callbackNumber", "repeatOf");

    public OrderEdit(String category, String location, String urgency, String summary) {
        this(category, location, urgency, summary, java.util.Map.of());
    }

    public static final Set<String> URGENCIES = Set.of("normal", "high", "emergency");
    static final int MAX_LOCATION = 200;
    static final int MAX_SUMMARY = 4000;

    public OrderEdit {
        category = trim(category);
        location = trim(location);
        urgency = trim(urgency);
        summary = summary == null ? "" : summary.strip();
        decisions = decisions == null ? java.util.Map.of() : java.util.Map.copyOf(decisions);
    }

    public List<String> problems(Set<String> categories) {
        java.util.ArrayList<String> problems = new java.util.ArrayList<>();
        if (!category.isEmpty() && !categories.contains(category)) {
            problems.add("category: unknown code " + category);
        }
        if (!urgency.isEmpty() && !URGENCIES.contains(urgency)) {
            problems.add("urgency: must be one of normal, high, emergency");
        }
        if (location.length() > MAX_LOCATION) {
            problems.add("location: longer than " + MAX_LOCATION + " characters");
        }
        if (summary.length() > MAX_SUMMARY) {
            problems.add("summary: longer than " + MAX_SUMMARY + " characters");
        }
        return problems;
    }

    /** What a submitted order must have besides valid fields. */
    public List<String> missingForSubmit() {
        java.util.ArrayList<String> missing = new java.util.ArrayList<>();
        if (category.isEmpty()) {
            missing.add("category: required to submit");
        }
        if (summary.isEmpty()) {
            missing.add("summary: required to submit");
        }
        return missing;
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
