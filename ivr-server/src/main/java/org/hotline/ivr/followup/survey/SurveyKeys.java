package org.hotline.ivr.followup.survey;

import java.time.LocalDate;

/**
 * The survey's Redis keys, named once for the schedule and the store, which share an order's hash (the schedule
 * keeps its number and tries there, the store its category, unit and answers). Every key carries the
 * {@code {survey}} hash tag, so each script touches one Redis Cluster slot.
 */
final class SurveyKeys {

    /** Surveys waiting to be placed: order id scored by when it is due (epoch ms), claimed with a lease. */
    static final String DUE = "ivr:{survey}:due";

    private SurveyKeys() {
    }

    /** One order's survey: number and tries until a final outcome, then its answers. */
    static String order(String orderId) {
        return "ivr:{survey}:order:" + orderId;
    }

    /** One day's counters (answered, resolved, by satisfaction), per category and handling unit. */
    static String day(LocalDate day) {
        return "ivr:{survey}:day:" + day;
    }
}
