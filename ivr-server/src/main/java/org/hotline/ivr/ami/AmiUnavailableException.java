package org.hotline.ivr.ami;

/** The link is not up, or Asterisk did not answer an action in time. */
public final class AmiUnavailableException extends RuntimeException {

    public AmiUnavailableException(String message) {
        super(message);
    }

    public AmiUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
