package org.hotline.ivr.speech;

/** Why a description (or a spoken menu answer) ended. */
public enum EndReason {
    /** The caller spoke and then was silent for {@code endSilence}. */
    END_OF_SPEECH,
    /** The caller never started speaking within {@code noSpeechTimeout}. */
    NO_SPEECH,
    /** {@code maxLength} of audio was reached. */
    MAX_LENGTH,
    /** The caller pressed {@code #} (or, for a menu, any key). */
    DTMF,
    /** The caller hung up (or the stream was cut). */
    HANGUP,
    /** Asterisk never connected the stream within {@code connectTimeout}. */
    NOT_CONNECTED,
    /** The stream broke the protocol or Asterisk reported an error. */
    STREAM_ERROR
}
