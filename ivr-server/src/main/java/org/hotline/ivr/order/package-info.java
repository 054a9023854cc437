/**
 * Draft work orders (工单): what a call's menu path and transcript say about the case (category by
 * phrase rules, place by gazetteer, urgency rules, handling unit by dispatch rules), the order's
 * life in Redis (hash per order, index per caller, idempotent drafting per call, event stream),
 * its HTTP JSON API, and the {@code order} command for the engineers who tune the rules. After the call,
 * contacts with the citizen are kept on the order ({@link org.hotline.ivr.order.OrderContacts}: callback attempts
 * from AMI, survey answers), and closing an order starts its satisfaction survey
 * ({@link org.hotline.ivr.order.ClosedOrderFeed}, {@link org.hotline.ivr.order.SurveyOnClose}). The rules
 * are data under {@code config/}: categories.yaml, gazetteer/*.yaml, urgency.yaml, dispatch.yaml.
 */
package org.hotline.ivr.order;
