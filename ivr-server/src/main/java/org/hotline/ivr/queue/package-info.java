/**
 * Queueing calls across seats. Owns seats, queues, skills, priorities, routing and wait estimates.
 * Redis is the only source of truth: every routing decision is one Lua script ({@code distributor.lua}),
 * every key of a queue group shares one hash tag ({@code {q:main}}), so several nodes can share one seat
 * pool, a node can restart or die without losing a queued call, and the scripts also run on Redis Cluster.
 * The AGI side of waiting (hold music, announcements, callback offer, dialing the seat) is {@link
 * org.hotline.ivr.queue.HoldLoop}. A callback's turn goes to the {@link org.hotline.ivr.queue.CallbackDialer} the
 * follow-up side connects before the distributor starts. A dead node's calls on seats become orphans that any live
 * node settles ({@link org.hotline.ivr.queue.SeatSettlement}) once Asterisk, asked through {@link
 * org.hotline.ivr.queue.CallChannels}, lets the caller go; an operator on a call may log out at any time.
 */
package org.hotline.ivr.queue;
