package org.hotline.ivr.agi;

/** The peer broke the FastAGI protocol; the connection is closed with this message logged once. */
public final class AgiProtocolException extends RuntimeException {

    public AgiProtocolException(String message) {
        super(message);
    }
}
