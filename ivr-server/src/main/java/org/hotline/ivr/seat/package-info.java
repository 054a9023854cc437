/**
 * The seat console and the supervisors' wallboard, served on the HTTP port: login (sessions in Redis, so any
 * node serves any seat), ready/pause/wrap-up, the screen pop over WebSocket with the live transcript and the
 * draft order as a form, order submission, the seat's call controls ({@link org.hotline.ivr.seat.CallControls},
 * {@link org.hotline.ivr.seat.CallControlApi}), the wallboard figures and the supervisors' floor view
 * ({@link org.hotline.ivr.seat.FloorApi}) with listen-in. Its session cookies are a credential of the
 * HTTP front door ({@code http}: role, CSRF token, Origin); what is left here is the seat's own call only. The
 * page itself lives in the {@code console-web} resources and renders every datum as text. The queue, the orders and the speech
 * transcripts are reached through the narrow interfaces of this package ({@link org.hotline.ivr.seat.SeatStates},
 * {@link org.hotline.ivr.seat.AssignedCalls}, {@link org.hotline.ivr.seat.OrderEditing},
 * {@link org.hotline.ivr.seat.WallboardSource}).
 */
package org.hotline.ivr.seat;
