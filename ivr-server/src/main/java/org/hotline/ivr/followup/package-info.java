/**
 * What the hotline does after a call ({@link org.hotline.ivr.followup.Followups} wires it): callbacks, where the
 * queue's callback turn ({@link org.hotline.ivr.queue.CallbackDialer}) is placed seat first through AMI by
 * {@link org.hotline.ivr.followup.AmiCallbackDialer}, retried by {@link org.hotline.ivr.followup.CallbackBridge}
 * (pending retries in Redis, {@link org.hotline.ivr.followup.CallbackRetries}) and put on the order by
 * {@link org.hotline.ivr.followup.CallbackAttemptLog}; and satisfaction surveys ({@code followup.survey}). Uses
 * {@code ami} through its originator and events, {@code queue} through its record API, {@code order} through
 * {@link org.hotline.ivr.order.OrderContacts}; none of them knows this package.
 */
package org.hotline.ivr.followup;
