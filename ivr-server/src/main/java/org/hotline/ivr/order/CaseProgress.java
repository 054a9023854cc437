package org.hotline.ivr.order;

/**
 * Where the case stands after the seat: dispatched to which unit and when, when the unit reported it
 * handled. Empty strings until it happens.
 */
public record CaseProgress(String dispatchedTo, String dispatchedAt, String handledAt) {

    public static final CaseProgress NONE = new CaseProgress("", "", "");
}
