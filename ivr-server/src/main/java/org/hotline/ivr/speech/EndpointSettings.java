package org.hotline.ivr.speech;

import java.time.Duration;

/**
 * How the end of speech is found. {@code endSilence}: silence after speech that ends it;
 * {@code noSpeechTimeout}: how long to wait for speech to start at all.
 */
public record EndpointSettings(Duration endSilence, Duration noSpeechTimeout) {

    /** Frames this far above the noise floor start speech ... */
    static final double ONSET_DB = 12;
    /** ... and frames this far above it keep it going. */
    static final double CONTINUE_DB = 6;
    /** Nothing quieter than this is speech, however quiet the line. */
    static final double ABSOLUTE_FLOOR_DBFS = -55;
    /** Consecutive loud frames (10 ms each) before speech counts as started. */
    static final int ONSET_FRAMES = 4;
    /** A burst shorter than this (a click, a cough) is not speech. */
    static final int MIN_SPEECH_FRAMES = 15;
    /** The noise floor is the quietest frame of the last this many frames outside speech. */
    static final int FLOOR_WINDOW_FRAMES = 100;
}
