package org.hotline.ivr.ami;

import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Something that reacts to one link's events. All calls for one link come on that link's single event
 * thread, in the order Asterisk sent them, so a subscriber needs no locking of its own for per-link
 * state; it must not block for long (Redis calls are fine, waiting on a call is not).
 */
public interface AmiSubscriber {

    default void onEvent(AmiLink link, ManagerEvent event) {
    }

    /**
     * The link has (re)connected: re-read whatever may have changed while it was away. Runs before any
     * event received after the login is handed to {@link #onEvent}.
     */
    default void onLinkUp(AmiLink link) {
    }

    default void onLinkDown(AmiLink link) {
    }
}
