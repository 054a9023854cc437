package org.hotline.ivr.order;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.ivr.ami.survey.SurveyAnswer;
import org.hotline.ivr.ami.survey.SurveyAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a survey's answers on its order: a {@code survey} contact and history line, and the fields
 * {@code surveyResolved} (yes/no/"") and {@code surveySatisfaction} (satisfied, basically-satisfied,
 * dissatisfied or "") on the order hash.
 */
public final class SurveyAnswerLog implements SurveyAnswers {

    private static final Logger log = LoggerFactory.getLogger(SurveyAnswerLog.class);

    private final OrderContacts contacts;

    public SurveyAnswerLog(OrderContacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public void record(SurveyAnswer answer) {
        String resolved = answer.resolved() == null ? "" : answer.resolved() ? "yes" : "no";
        String satisfaction = answer.satisfaction() == null ? ""
                : answer.satisfaction().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("surveyResolved", resolved);
        fields.put("surveySatisfaction", satisfaction);
        String detail = "resolved=" + (resolved.isEmpty() ? "-" : resolved) + " satisfaction="
                + (satisfaction.isEmpty() ? "-" : satisfaction);
        OrderContact contact = new OrderContact("survey", 1, answer.empty() ? "no-answers" : "answered", detail,
                answer.at().toString());
        if (!contacts.record(answer.orderId(), contact, fields)) {
            log.warn("survey answers for order {}: no such order to record them on", answer.orderId());
        }
    }
}
