package org.hotline.ivr.order;

import java.time.Instant;
import java.util.List;

/**
 * What the flow knows about a call when the caller has finished describing (or hung up): the input
 * of a draft order. {@code callId} is Asterisk's {@code agi_uniqueid}; {@code callerNumber} may be
 * empty (withheld); {@code transcript} may be empty (silence, no model): the draft is still made.
 */
public record CallFacts(String callId, String callerNumber, String language, List<String> menuPath,
                        String transcript, String recordingPath, Instant at) {

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
    }
}
