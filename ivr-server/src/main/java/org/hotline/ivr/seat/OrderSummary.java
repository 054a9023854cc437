package org.hotline.ivr.seat;

import java.time.Instant;

/** One earlier order of the same caller, as a line in the screen pop. */
public record OrderSummary(String id, Instant created, String category, String status, String summary) {
}
