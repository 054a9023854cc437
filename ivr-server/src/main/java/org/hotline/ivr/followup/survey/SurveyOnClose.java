package org.hotline.ivr.followup.survey;

import java.util.function.Consumer;
import org.hotline.ivr.order.DraftOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A closed order's citizen gets the satisfaction survey: the order's caller number, category and handling unit
 * go to the {@link SurveySchedule} (the rates are grouped by category and unit; a blank one counts as "unknown").
 * An order without a caller number cannot be surveyed and is skipped, saying so.
 */
public final class SurveyOnClose implements Consumer<DraftOrder> {

    private static final Logger log = LoggerFactory.getLogger(SurveyOnClose.class);

    private final SurveySchedule schedule;

    public SurveyOnClose(SurveySchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void accept(DraftOrder order) {
        String number = order.callerNumber() == null ? "" : order.callerNumber().replaceAll("[^0-9]", "");
        if (number.isEmpty()) {
            log.info("order {} closed without a caller number: no survey", order.orderId());
            return;
        }
        schedule.schedule(new SurveyRequest(order.orderId(), number, orUnknown(order.category()),
                orUnknown(order.handlingUnit())));
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
