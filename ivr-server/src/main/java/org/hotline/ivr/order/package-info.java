/**
 * Draft work orders (工单): what a call's menu path and transcript say about the case (category by
 * phrase rules, place by gazetteer, urgency rules, handling unit by dispatch rules), the order's
 * life in Redis (hash per order, index per caller, idempotent drafting per call, event stream),
 * its HTTP JSON API, and the {@code order} command for the engineers who tune the rules. After the call,
 * contacts with the citizen are kept on the order ({@link org.hotline.ivr.order.OrderContacts}: callback attempts,
 * survey answers, written by {@code followup}), and closed orders are read from the event stream by
 * {@link org.hotline.ivr.order.ClosedOrderFeed} for whoever follows them up (any event type through
 * {@link org.hotline.ivr.order.OrderEventFeed}). After the call the order also decides what its SMS receipt says and
 * who gets one ({@link org.hotline.ivr.order.ReceiptTexts}, sent by {@code sms}), which case a caller may hear by
 * phone ({@link org.hotline.ivr.order.ProgressLookup}) and reopens orders from the survey's answers
 * ({@link org.hotline.ivr.order.Rehandling}: re-handle, then escalate). Each month's orders are indexed for the
 * monthly hot topics ({@link org.hotline.ivr.order.HotTopics}: categories, places, words segmented by SmartChinese;
 * {@code ivr report topics}, {@code GET /api/reports/topics}). The rules
 * are data under {@code config/}: categories.yaml, gazetteer/*.yaml, urgency.yaml, dispatch.yaml, topics.yaml.
 */
package org.hotline.ivr.order;
