/**
 * Redis-backed stand-ins for the queue's seat states and call distribution, the orders' drafts and the
 * catalogue, behind the seat package's interfaces, so the console runs and is tested end to end before (or
 * without) the real queue and order stores. Keys start with {@code console:standin:}. Small and honest:
 * one queue, first-ready-first-served, no skills.
 */
package org.hotline.ivr.seat.standin;
