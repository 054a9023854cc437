package org.hotline.ivr.order;

/** What the rules make of one description: the order's draft fields before it has an id. */
public record Assessment(Classification classification, Location location, Urgency urgency, String unit,
                         String summary) {
}
