/**
 * Test-only, Redis-backed stand-ins for the queue's seat states and call distribution, the orders' drafts and
 * the catalogue, behind the seat package's interfaces, so the console's own rules are tested apart from the
 * distributor. Keys start with {@code console:standin:}. The server itself runs the console on the real
 * queue and order store ({@code seat.live}); {@code LiveConsoleTest} covers that wiring.
 */
package org.hotline.ivr.seat.standin;
