/**
 * Satisfaction survey calls (回访) after an order is closed: {@link org.hotline.ivr.ami.survey.SurveyDialer}
 * originates a call to the citizen into the survey context, {@link org.hotline.ivr.ami.survey.SurveyScript}
 * (FastAGI script {@code survey}) asks "resolved?" and "satisfied?" by key, {@link org.hotline.ivr.ami.survey.SurveyStore}
 * keeps the answers in Redis with per-day counters, and {@link org.hotline.ivr.ami.survey.RatesRoute} serves the
 * resolution and satisfaction rates per category and handling unit over a period.
 */
package org.hotline.ivr.ami.survey;
