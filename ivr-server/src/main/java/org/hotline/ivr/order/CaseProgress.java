package org.hotline.ivr.order;

/**
 * Where the case stands after the seat: dispatched to which unit and when, when the unit reported it
 * handled; how often the citizen's survey answers reopened it ({@code rehandled}), why the last time
 * ({@code rehandleReason}: not resolved, dissatisfied) and when. Empty strings (and 0) until it happens.
 */
public record CaseProgress(String dispatchedTo, String dispatchedAt, String handledAt, int rehandled,
                           String rehandleReason, String rehandledAt) {

    public static final CaseProgress NONE = new CaseProgress("", "", "", 0, "", "");

    public CaseProgress(String dispatchedTo, String dispatchedAt, String handledAt) {
        this(dispatchedTo, dispatchedAt, handledAt, 0, "", "");
    }
}
