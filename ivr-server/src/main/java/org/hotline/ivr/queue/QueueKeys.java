package org.hotline.ivr.queue;

/** Redis key names; every key of a group starts with its hash tag so one script touches one cluster slot. */
final class QueueKeys {

    private QueueKeys() {
    }

    /** {@code {q:main}}: the key every script is called with; the script derives the others from it. */
    static String tag(String group) {
        return "{q:" + group + "}";
    }
}
