package org.hotline.ivr.speech;

/** A directory that should hold a Vosk model does not; the message says which and why. */
public final class ModelInvalidException extends Exception {

    public ModelInvalidException(String message) {
        super(message);
    }

    public ModelInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
