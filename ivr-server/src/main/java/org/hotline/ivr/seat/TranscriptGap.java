package org.hotline.ivr.seat;

/**
 * Why a call has no transcript, as the speech side published it: {@code no-model} (no speech model installed
 * for the language), {@code model-loading} or {@code failed}; and whether the caller's recording was kept, so
 * the seat knows to listen to it instead.
 */
public record TranscriptGap(String why, boolean recordingKept) {
}
