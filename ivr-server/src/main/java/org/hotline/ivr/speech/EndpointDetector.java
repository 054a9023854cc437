package org.hotline.ivr.speech;

import java.util.ArrayDeque;

/**
 * Energy voice-activity detection with a tracked noise floor and a hangover, run on 10 ms frames.
 * The floor is the quietest frame of the last second (speech has gaps between words, so this is the
 * line, not the voice), so steady line noise or hum is learnt within a second, also when it starts
 * after the stream did, and never mistaken for speech; speech starts when a few frames in a row rise
 * well above it and ends when nothing has risen above it for {@code endSilence} ({@code openingSilence}
 * while the last voiced frame is within {@link EndpointSettings#OPENING} of the start). Times are audio
 * time (samples received), not wall-clock time. Not thread-safe: one per stream.
 */
public final class EndpointDetector {

    public enum Event { SPEECH_STARTED, SPEECH_ENDED, NO_SPEECH }

    private static final long OPENING_FRAMES = EndpointSettings.OPENING.toMillis() / 10;

    private final int frameSamples;
    private final long endSilenceFrames;
    private final long openingSilenceFrames;
    private final long noSpeechFrames;
    private final ArrayDeque<Double> recentQuiet = new ArrayDeque<>();
    private double frameEnergy;
    private int frameFill;
    private long frames;
    private double floorDb = Double.NaN;
    private double peakDb;
    private int loudRun;
    private long speechStartFrame = -1;
    private long lastVoicedFrame = -1;
    private boolean ended;

    public EndpointDetector(int sampleRate, EndpointSettings settings) {
        this.frameSamples = sampleRate / 100;
        this.endSilenceFrames = Math.max(1, settings.endSilence().toMillis() / 10);
        this.openingSilenceFrames = Math.max(1, settings.openingSilence().toMillis() / 10);
        this.noSpeechFrames = Math.max(1, settings.noSpeechTimeout().toMillis() / 10);
    }

    /** Feeds samples; returns the first event they cause, or null. After an end, always null. */
    public Event accept(short[] samples) {
        Event first = null;
        for (short s : samples) {
            frameEnergy += (double) s * s;
            if (++frameFill == frameSamples) {
                Event event = frame(frameEnergy / frameSamples);
                frameEnergy = 0;
                frameFill = 0;
                if (first == null) {
                    first = event;
                }
            }
        }
        return first;
    }

    private Event frame(double meanSquare) {
        frames++;
        if (ended) {
            return null;
        }
        double db = 10 * Math.log10(meanSquare / (32768.0 * 32768.0) + 1e-12);
        trackFloor(db);
        if (speechStartFrame < 0) {
            return beforeSpeech(db);
        }
        peakDb = Math.max(peakDb, db);
        if (peakDb < floorDb + EndpointSettings.ONSET_DB) {
            // The floor rose under a "speech" that never rose above it: line noise that began after the stream
            // opened (a quiet start, then a street), not a caller. Nothing was said yet.
            speechStartFrame = -1;
            lastVoicedFrame = -1;
            loudRun = 0;
            return frames >= noSpeechFrames ? noSpeech() : null;
        }
        return duringSpeech(db);
    }

    private Event beforeSpeech(double db) {
        loudRun = db > threshold(EndpointSettings.ONSET_DB) ? loudRun + 1 : 0;
        if (loudRun >= EndpointSettings.ONSET_FRAMES) {
            speechStartFrame = frames - loudRun;
            lastVoicedFrame = frames;
            peakDb = db;
            return Event.SPEECH_STARTED;
        }
        if (frames >= noSpeechFrames) {
            ended = true;
            return Event.NO_SPEECH;
        }
        return null;
    }

    private Event duringSpeech(double db) {
        if (db > threshold(EndpointSettings.CONTINUE_DB)) {
            lastVoicedFrame = frames;
            return null;
        }
        boolean opening = lastVoicedFrame - speechStartFrame < OPENING_FRAMES;
        if (frames - lastVoicedFrame < (opening ? openingSilenceFrames : endSilenceFrames)) {
            return null;
        }
        if (lastVoicedFrame - speechStartFrame < EndpointSettings.MIN_SPEECH_FRAMES) {
            speechStartFrame = -1;
            loudRun = 0;
            return frames >= noSpeechFrames ? noSpeech() : null;
        }
        ended = true;
        return Event.SPEECH_ENDED;
    }

    private Event noSpeech() {
        ended = true;
        return Event.NO_SPEECH;
    }

    private double threshold(double above) {
        return Math.max(floorDb + above, EndpointSettings.ABSOLUTE_FLOOR_DBFS);
    }

    private void trackFloor(double db) {
        recentQuiet.addLast(db);
        if (recentQuiet.size() > EndpointSettings.FLOOR_WINDOW_FRAMES) {
            recentQuiet.removeFirst();
        }
        double min = Double.MAX_VALUE;
        for (double value : recentQuiet) {
            min = Math.min(min, value);
        }
        floorDb = min;
    }

    public boolean speaking() {
        return speechStartFrame >= 0 && !ended;
    }

    /** Audio time of the first frame of speech, or -1. */
    public long speechStartMillis() {
        return speechStartFrame < 0 ? -1 : speechStartFrame * 10;
    }

    /** Audio time at which the last voiced frame ended, or -1 before any speech. */
    public long speechEndMillis() {
        return lastVoicedFrame < 0 ? -1 : lastVoicedFrame * 10;
    }

    /** Audio time received so far. */
    public long elapsedMillis() {
        return frames * 10;
    }

    public double noiseFloorDbfs() {
        return floorDb;
    }
}
