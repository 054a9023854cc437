/**
 * The console on the real parts: seat states and calls from the queue's call distributor (its Redis seat and
 * call hashes), draft orders from the order store, the form's choices from the order rules, wallboard figures
 * from the queue stats and the order event stream. {@link org.hotline.ivr.seat.live.LiveConsole} wires them.
 */
package org.hotline.ivr.seat.live;
