/**
 * SMS to citizens: the receipt (受理回执) an order's caller gets on a mobile phone, through an SMS gateway
 * ({@link org.hotline.ivr.sms.KannelGateway}: Kannel's HTTP {@code sendsms} in front of the operator's SMSC).
 * Messages go through a Redis outbox ({@link org.hotline.ivr.sms.SmsOutbox}): at most one per order and text
 * (idempotent key), sent at least once with retries and backoff while the gateway is down or refuses, dead-lettered
 * after {@code sms.maxAttempts}; an opt-out list. What an order's receipt says and who gets one is the order's
 * ({@link org.hotline.ivr.order.ReceiptTexts}); this package only delivers it. {@code ivr sms send} checks the line.
 */
package org.hotline.ivr.sms;
