package org.hotline.ivr.queue;

/**
 * Redis key names; every key of a group starts with its hash tag so one script touches one cluster slot. The
 * Lua scripts derive the same names from the tag ({@code distributor.lua} lists them); Java code outside this
 * package reads them only through {@link QueueRecords}.
 */
final class QueueKeys {

    private QueueKeys() {
    }

    /** {@code {q:main}}: the key every script is called with; the script derives the others from it. */
    static String tag(String group) {
        return "{q:" + group + "}";
    }

    /** {@code {q:main}:seat:1001}: a seat's hash. */
    static String seat(String group, String seatId) {
        return tag(group) + ":seat:" + seatId;
    }

    /** {@code {q:main}:timers}: wrap-up ends ({@code w:<seat>}) and offer expiries ({@code o:<seat>}). */
    static String timers(String group) {
        return tag(group) + ":timers";
    }

    /** {@code {q:main}:call:<id>}: a queued call's hash. */
    static String call(String group, String callId) {
        return tag(group) + ":call:" + callId;
    }
}
