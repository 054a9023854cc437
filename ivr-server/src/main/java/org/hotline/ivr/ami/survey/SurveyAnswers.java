package org.hotline.ivr.ami.survey;

/** Where survey answers go: the rates store, and (wired by the server) the order's history. */
@FunctionalInterface
public interface SurveyAnswers {

    /** Returns whether the answer counted: false when this order's answer was recorded before. */
    boolean record(SurveyAnswer answer);

    /** Both, {@code next} only when this one counted the answer: a second survey call changes nothing on the order. */
    default SurveyAnswers andThen(SurveyAnswers next) {
        return answer -> record(answer) && next.record(answer);
    }
}
