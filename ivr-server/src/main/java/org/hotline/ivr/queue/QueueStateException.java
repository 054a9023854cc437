package org.hotline.ivr.queue;

/** The distributor refused a transition (a seat on call cannot pause, an offer is stale ...); nothing changed. */
public final class QueueStateException extends RuntimeException {

    public QueueStateException(String message) {
        super(message);
    }
}
