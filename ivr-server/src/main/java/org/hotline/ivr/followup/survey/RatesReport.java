package org.hotline.ivr.followup.survey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Resolution and satisfaction rates over {@code from..to} (ISO days, inclusive, in the report's time zone). */
public record RatesReport(String from, String to, String zone, Group total, List<Group> byCategory,
                          List<Group> byUnit, List<Group> byCategoryAndUnit) {

    /** One row: {@code category} and/or {@code unit} are null when the row is not split by them. */
    public record Group(String category, String unit, SurveyCounts counts) {

        @JsonProperty
        public Double resolutionRate() {
            return counts.resolutionRate();
        }

        @JsonProperty
        public Double satisfactionRate() {
            return counts.satisfactionRate();
        }
    }
}
