package org.hotline.ivr.followup.survey;

import java.time.Clock;
import java.util.function.Consumer;
import org.hotline.ivr.flow.FlowEnding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns a finished run of the survey flow ({@code call-flows/survey.yaml}) into a {@link SurveyAnswer}: the order
 * id is the script's first argument (the {@code ivr-survey} context passes {@code ${SURVEY_ORDER}}), the answers
 * are the flow's variables {@code resolved} (yes/no) and {@code satisfaction} (satisfied, basically-satisfied,
 * dissatisfied), whether they were keyed or spoken. A question left unanswered stays empty.
 */
public final class SurveyFlowAnswers implements Consumer<FlowEnding> {

    /** The flow whose runs are surveys. */
    public static final String FLOW = "survey";
    private static final Logger log = LoggerFactory.getLogger(SurveyFlowAnswers.class);

    private final SurveyAnswers answers;
    private final Clock clock;

    public SurveyFlowAnswers(SurveyAnswers answers, Clock clock) {
        this.answers = answers;
        this.clock = clock;
    }

    @Override
    public void accept(FlowEnding ending) {
        MDC.put("callId", ending.callId());
        try {
            String orderId = ending.arguments().isEmpty() ? "" : ending.arguments().get(0).trim();
            if (orderId.isEmpty()) {
                log.warn("survey flow ended ({}) without an order id argument: nothing recorded", ending.outcome());
                return;
            }
            SurveyAnswer answer = new SurveyAnswer(orderId, ending.callId(), resolved(ending.variables().get("resolved")),
                    satisfaction(ending.variables().get("satisfaction")), clock.instant());
            if (!record(answer)) {
                return;
            }
            log.info("survey for order {}: resolved={} satisfaction={} ({})", orderId, answer.resolved(),
                    answer.satisfaction(), ending.outcome());
        } finally {
            MDC.remove("callId");
        }
    }

    /** A failed write must not lose what the citizen said: the whole answer goes to the log to be recorded later. */
    private boolean record(SurveyAnswer answer) {
        try {
            answers.record(answer);
            return true;
        } catch (RuntimeException e) {
            log.warn("survey answer NOT recorded ({}), recover by hand: {}", e.toString(), answer.describe());
            return false;
        }
    }

    static Boolean resolved(String value) {
        if ("yes".equals(value)) {
            return Boolean.TRUE;
        }
        return "no".equals(value) ? Boolean.FALSE : null;
    }

    static Satisfaction satisfaction(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "satisfied" -> Satisfaction.SATISFIED;
            case "basically-satisfied" -> Satisfaction.BASICALLY_SATISFIED;
            case "dissatisfied" -> Satisfaction.DISSATISFIED;
            default -> null;
        };
    }
}
