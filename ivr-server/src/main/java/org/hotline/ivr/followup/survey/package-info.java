/**
 * Satisfaction survey calls (回访) after an order is closed: {@link org.hotline.ivr.followup.survey.SurveyOnClose}
 * hands each closed order to {@link org.hotline.ivr.followup.survey.SurveySchedule}, which keeps the survey in Redis
 * until it is due (delay, quiet hours, retries) and has {@link org.hotline.ivr.followup.survey.SurveyDialer} originate
 * the call into the survey context; the survey flow ({@code call-flows/survey.yaml}, answers by key or voice) ends in
 * {@link org.hotline.ivr.followup.survey.SurveyFlowAnswers}; {@link org.hotline.ivr.followup.survey.SurveyStore} keeps
 * the answers with per-day counters, {@link org.hotline.ivr.followup.survey.SurveyAnswerLog} puts them on the order,
 * and {@link org.hotline.ivr.followup.survey.RatesRoute} serves the resolution and satisfaction rates per category
 * and handling unit over a period.
 */
package org.hotline.ivr.followup.survey;
