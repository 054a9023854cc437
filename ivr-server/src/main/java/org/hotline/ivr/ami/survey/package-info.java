/**
 * Satisfaction survey calls (回访) after an order is closed: {@link org.hotline.ivr.ami.survey.SurveySchedule}
 * keeps each survey in Redis until it is due (delay, quiet hours, retries) and has
 * {@link org.hotline.ivr.ami.survey.SurveyDialer} originate the call into the survey context; the survey flow
 * ({@code call-flows/survey.yaml}, answers by key or voice) ends in {@link org.hotline.ivr.ami.survey.SurveyFlowAnswers}
 * {@link org.hotline.ivr.ami.survey.SurveyStore} keeps the answers with per-day counters, and
 * {@link org.hotline.ivr.ami.survey.RatesRoute} serves the resolution and satisfaction rates per category and
 * handling unit over a period.
 */
package org.hotline.ivr.ami.survey;
