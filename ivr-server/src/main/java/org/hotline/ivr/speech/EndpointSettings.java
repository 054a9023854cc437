package org.hotline.ivr.speech;

import java.time.Duration;

/**
 * How the end of a turn is found. {@code endSilence}: silence after the last word that ends it;
 * {@code openingSilence}: the silence needed instead while the caller has spoken for less than
 * {@link #OPENING}; {@code noSpeechTimeout}: how long to wait for speech to start at all.
 */
public record EndpointSettings(Duration endSilence, Duration noSpeechTimeout, Duration openingSilence) {

    /**
     * Callers pause longest just after they start ("I want to report... the street, what is it
     * called"): measured on paused material, a 1.2 s pause next to a word gap is 1.42 s of silence.
     */
    public static final Duration OPENING = Duration.ofSeconds(3);
    /** What a description adds to its end-silence during {@link #OPENING}. */
    public static final Duration OPENING_EXTRA = Duration.ofMillis(500);

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
    /** The noise floor is the quietest frame of the last this many frames. */
    static final int FLOOR_WINDOW_FRAMES = 100;

    /** The same silence ends the turn however long the caller has spoken (spoken menu answers). */
    public EndpointSettings(Duration endSilence, Duration noSpeechTimeout) {
        this(endSilence, noSpeechTimeout, endSilence);
    }

    /** A free description: {@link #OPENING_EXTRA} more silence needed while the caller is only starting. */
    public static EndpointSettings description(Duration endSilence, Duration noSpeechTimeout) {
        return new EndpointSettings(endSilence, noSpeechTimeout, endSilence.plus(OPENING_EXTRA));
    }
}
