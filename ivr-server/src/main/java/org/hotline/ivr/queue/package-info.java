/**
 * Distributing calls across seats, and nothing the caller hears. Owns seats, queues, skills, priorities,
 * routing and wait estimates, and the record of every step of a waiting call: enqueued, offered to a seat,
 * the seat rang without answer, answered, the caller hung up, a callback booked ({@link
 * org.hotline.ivr.queue.CallDistributor}). Redis is the only source of truth: every routing decision is one
 * Lua script ({@code distributor.lua}), every key of a queue group shares one hash tag ({@code {q:main}}) and
 * is named in {@link org.hotline.ivr.queue.QueueKeys}, so several nodes can share one seat pool, a node can
 * restart or die without losing a queued call, and the scripts also run on Redis Cluster. It imports neither
 * AGI nor flow: what a waiting caller hears (music, announcements, the callback offer, dialing the seat) is the
 * flow's enqueue node ({@code org.hotline.ivr.flow.HoldLoop}), which calls this record API. A callback's turn
 * goes to the {@link org.hotline.ivr.queue.CallbackDialer} the follow-up side connects before the distributor
 * starts. A dead node's calls on seats become orphans that any live node settles ({@link
 * org.hotline.ivr.queue.SeatSettlement}) once Asterisk, asked through {@link org.hotline.ivr.queue.CallChannels},
 * lets the caller go; an operator on a call may log out at any time.
 */
package org.hotline.ivr.queue;
