package org.hotline.ivr.speech;

import java.nio.file.Path;
import java.util.UUID;

/**
 * How one description ended. {@code recording} is the WAV with everything the caller said (null only
 * when the stream never connected or the disk failed, see {@code note}); {@code transcript} is null
 * without a model for the language, and {@code note} then says so for the seat; {@code answer} is set
 * for spoken menus. Times are audio time from the start of the stream, -1 when unknown.
 */
public record DescriptionResult(UUID uuid, String callId, String language, EndReason reason, Path recording,
                                long audioMillis, long speechStartMillis, long speechEndMillis, String digits,
                                Transcript transcript, MenuAnswer answer, String note) {

    public boolean hasTranscript() {
        return transcript != null;
    }

    /** What the seat sees: the transcript, or the note explaining why there is none. */
    public String text() {
        return transcript != null && !transcript.isEmpty() ? transcript.text() : note;
    }
}
