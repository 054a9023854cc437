package org.hotline.ivr.followup.survey;

/** Where survey answers go: the rates store, and (wired by the server) the order's history. */
@FunctionalInterface
public interface SurveyAnswers {

    /** Returns whether the answer counted: false when this order's answer was recorded before. */
    boolean record(SurveyAnswer answer);

    /** The survey's tries are spent without reaching the citizen (told once per order). */
    default void notReached(String orderId, long tries) {
    }

    /** Both, {@code next} only when this one counted the answer: a second survey call changes nothing on the order. */
    default SurveyAnswers andThen(SurveyAnswers next) {
        SurveyAnswers first = this;
        return new SurveyAnswers() {
            @Override
            public boolean record(SurveyAnswer answer) {
                return first.record(answer) && next.record(answer);
            }

            @Override
            public void notReached(String orderId, long tries) {
                first.notReached(orderId, tries);
                next.notReached(orderId, tries);
            }
        };
    }
}
