package org.hotline.ivr.speech;

import java.net.URI;

/** One language's model in {@code speech-models/models.yaml}; {@code sha256} empty means not pinned yet. */
public record ModelEntry(String language, String name, URI url, String size, int sampleRate, String sha256) {

    public boolean pinned() {
        return sha256 != null && !sha256.isBlank();
    }
}
