package org.hotline.ivr.followup.survey;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hotline.ivr.order.OrderContact;
import org.hotline.ivr.order.OrderContacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a survey's answers on its order: a {@code survey} contact and history line, and the fields
 * {@code surveyOutcome} (answered, no-answers, or not-reached when every try failed), {@code surveyResolved}
 * (yes/no/"") and {@code surveySatisfaction} (satisfied, basically-satisfied, dissatisfied or "") on the order hash.
 */
public final class SurveyAnswerLog implements SurveyAnswers {

    private static final Logger log = LoggerFactory.getLogger(SurveyAnswerLog.class);

    private final OrderContacts contacts;
    private final Clock clock;

    public SurveyAnswerLog(OrderContacts contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    public SurveyAnswerLog(OrderContacts contacts) {
        this(contacts, Clock.systemUTC());
    }

    /** A {@code survey} contact {@code not-reached} and the order's {@code surveyOutcome} field. */
    @Override
    public void notReached(String orderId, long tries) {
        OrderContact contact = new OrderContact("survey", (int) tries, "not-reached", "not reached after " + tries
                + " tries", clock.instant().toString());
        if (!contacts.record(orderId, contact, Map.of("surveyOutcome", "not-reached"))) {
            log.warn("survey for order {} not reached: no such order to record it on", orderId);
        }
    }

    @Override
    public boolean record(SurveyAnswer answer) {
        String resolved = answer.resolved() == null ? "" : answer.resolved() ? "yes" : "no";
        String satisfaction = answer.satisfaction() == null ? ""
                : answer.satisfaction().name().toLowerCase(Locale.ROOT).replace('_', '-');
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("surveyOutcome", answer.empty() ? "no-answers" : "answered");
        fields.put("surveyResolved", resolved);
        fields.put("surveySatisfaction", satisfaction);
        String detail = "resolved=" + (resolved.isEmpty() ? "-" : resolved) + " satisfaction="
                + (satisfaction.isEmpty() ? "-" : satisfaction);
        OrderContact contact = new OrderContact("survey", 1, answer.empty() ? "no-answers" : "answered", detail,
                answer.at().toString());
        if (!contacts.record(answer.orderId(), contact, fields)) {
            log.warn("survey answers for order {}: no such order to record them on", answer.orderId());
            return false;
        }
        return true;
    }
}
