package org.hotline.ivr.ami.survey;

/** Where survey answers go: the rates store, and (wired by the server) the order's history. */
@FunctionalInterface
public interface SurveyAnswers {

    void record(SurveyAnswer answer);

    default SurveyAnswers andThen(SurveyAnswers next) {
        return answer -> {
            record(answer);
            next.record(answer);
        };
    }
}
