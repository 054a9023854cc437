package org.hotline.ivr.speech;

/** One recognized word with its time (seconds from the start of the stream) and confidence (0-1). */
public record Word(String word, double start, double end, double confidence) {
}
