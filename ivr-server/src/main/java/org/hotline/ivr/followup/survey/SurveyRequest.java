package org.hotline.ivr.followup.survey;

import org.hotline.ivr.ops.PhoneNumbers;

/** A closed order whose citizen should be asked; category and handling unit are what the rates are grouped by. */
public record SurveyRequest(String orderId, String citizenNumber, String category, String unit) {

    public SurveyRequest {
        requireText("orderId", orderId);
        requireText("citizenNumber", citizenNumber);
        requireText("category", category);
        requireText("unit", unit);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("survey request: " + field + " is empty");
        }
    }

    @Override
    public String toString() {
        return "SurveyRequest[" + orderId + " to " + PhoneNumbers.mask(citizenNumber) + ", " + category + " / " + unit + "]";
    }
}
