package org.hotline.ivr.followup.survey;

import java.util.Map;

/**
 * Survey tallies for one group (a category, a unit, both, or everything) and the two rates 12345 centres
 * are ranked by: resolution rate = resolved / (resolved + unresolved), satisfaction rate = (satisfied +
 * basically satisfied) / all who rated. A rate is {@code null} when nobody answered that question.
 */
public record SurveyCounts(long surveyed, long notReached, long resolved, long unresolved, long satisfied,
                           long basicallySatisfied, long dissatisfied) {

    static final SurveyCounts ZERO = new SurveyCounts(0, 0, 0, 0, 0, 0, 0);

    /** Counter names as stored per day in Redis. */
    static final String SURVEYED = "surveyed";
    static final String NOT_REACHED = "notReached";
    static final String RESOLVED = "resolved";
    static final String UNRESOLVED = "unresolved";
    static final String SATISFIED = "satisfied";
    static final String BASICALLY = "basicallySatisfied";
    static final String DISSATISFIED = "dissatisfied";

    public Double resolutionRate() {
        return rate(resolved, resolved + unresolved);
    }

    public Double satisfactionRate() {
        return rate(satisfied + basicallySatisfied, satisfied + basicallySatisfied + dissatisfied);
    }

    SurveyCounts plus(SurveyCounts other) {
        return new SurveyCounts(surveyed + other.surveyed, notReached + other.notReached, resolved + other.resolved,
                unresolved + other.unresolved, satisfied + other.satisfied,
                basicallySatisfied + other.basicallySatisfied, dissatisfied + other.dissatisfied);
    }

    static SurveyCounts of(Map<String, Long> counters) {
        return new SurveyCounts(counters.getOrDefault(SURVEYED, 0L), counters.getOrDefault(NOT_REACHED, 0L),
                counters.getOrDefault(RESOLVED, 0L), counters.getOrDefault(UNRESOLVED, 0L),
                counters.getOrDefault(SATISFIED, 0L), counters.getOrDefault(BASICALLY, 0L),
                counters.getOrDefault(DISSATISFIED, 0L));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }
}
