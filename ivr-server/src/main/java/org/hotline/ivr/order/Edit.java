package org.hotline.ivr.order;

/** One change to an order: which seat changed which field from what to what, and when (ISO-8601). */
public record Edit(String seat, String field, String oldValue, String newValue, String at) {
}
