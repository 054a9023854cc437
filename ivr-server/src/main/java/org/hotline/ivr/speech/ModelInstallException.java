package org.hotline.ivr.speech;

/** A model could not be installed; the message says what to do instead. Nothing half-installed is left. */
public final class ModelInstallException extends Exception {

    public ModelInstallException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelInstallException(String message) {
        super(message);
    }
}
