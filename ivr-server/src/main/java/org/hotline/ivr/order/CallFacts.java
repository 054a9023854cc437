package org.hotline.ivr.order;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What the flow knows about a call when the caller has finished describing (or hung up): the input
 * of a draft order. {@code callId} is Asterisk's {@code agi_uniqueid}; {@code callerNumber} may be
 * empty (withheld); {@code transcript} may be empty (silence, no model): the draft is still made.
 * {@code zone} is the flow's time zone: the dispatch deadline's local day and hours are its.
 */
public record CallFacts(String callId, String callerNumber, String language, List<String> menuPath,
                        String transcript, String recordingPath, Instant at, ZoneId zone) {

    /** The hotline's own zone when none is given (Beijing time, as the shipped flows). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public CallFacts(String callId, String callerNumber, String language, List<String> menuPath,
                     String transcript, String recordingPath, Instant at) {
        this(callId, callerNumber, language, menuPath, transcript, recordingPath, at, DEFAULT_ZONE);
    }

    public CallFacts {
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("callId is required: it is what makes drafting idempotent");
        }
        callerNumber = callerNumber == null ? "" : callerNumber.trim();
        language = language == null || language.isBlank() ? "zh" : language;
        menuPath = menuPath == null ? List.of() : List.copyOf(menuPath);
        transcript = transcript == null ? "" : transcript.strip();
        recordingPath = recordingPath == null ? "" : recordingPath;
        at = at == null ? Instant.now() : at;
        zone = zone == null ? DEFAULT_ZONE : zone;
    }

    /** The same facts with the recording found at {@code path} (e.g. after a crash, where the sidecar said). */
    public CallFacts withRecording(String path) {
        return new CallFacts(callId, callerNumber, language, menuPath, transcript, path, at, zone);
    }

    /**
     * Whether the caller id is a real number to link orders by: Asterisk reports withheld numbers as
     * "anonymous", "unknown" or empty, and those callers must not be taken for one repeat caller.
     */
    public boolean hasCallerNumber() {
        return callerNumber.matches("\\+?[0-9]{3,20}");
    }
}
