package org.hotline.ivr.seat;

import java.time.Instant;
import java.util.List;

/**
 * What the seat sees of the call it was given. The caller's number is masked; the full number is asked
 * for separately, and that access is logged.
 *
 * @param transcript the final text so far; {@code partial} is what the recogniser currently hears
 * @param transcriptGap why there is no transcript (no speech model ...), or null
 */
public record ScreenPop(String callId, String seatId, String maskedCaller, String language, List<String> menuPath,
                        Instant queuedAt, Instant assignedAt, String transcript, String partial, String orderId,
                        boolean ended, TranscriptGap transcriptGap) {

    public ScreenPop {
        menuPath = List.copyOf(menuPath);
    }

    public long waitedSeconds() {
        return queuedAt == null || assignedAt == null ? 0 : Math.max(0, assignedAt.getEpochSecond() - queuedAt.getEpochSecond());
    }
}
