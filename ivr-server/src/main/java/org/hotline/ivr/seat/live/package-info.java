/**
 * The console on the real parts: seat states and calls from the queue's call distributor (its Redis seat and
 * call hashes), draft orders from the order store, the form's choices from the order rules, wallboard figures
 * from the queue stats, the flows' count of calls in the IVR and the order event stream, and the access rule
 * of {@code /api/orders} behind the console's login; the call controls and listen-in over AMI
 * ({@link org.hotline.ivr.seat.live.AmiCallControls}, targets from {@code config/transfer.yaml}) and the floor view
 * ({@code LiveFloor}). {@link org.hotline.ivr.seat.live.LiveConsole} wires them.
 */
package org.hotline.ivr.seat.live;
