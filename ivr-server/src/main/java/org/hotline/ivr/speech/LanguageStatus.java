package org.hotline.ivr.speech;

import java.nio.file.Path;

/** Whether one language has speech on this node, and if not, why. */
public record LanguageStatus(String language, State state, Path directory, String detail) {

    public enum State { NO_MODEL, LOADING, READY, FAILED }

    public boolean ready() {
        return state == State.READY;
    }

    /** As the health endpoint and the log show it. */
    public String describe() {
        return switch (state) {
            case NO_MODEL -> "no model (" + detail + "): DTMF menus, descriptions recorded without transcript";
            case LOADING -> "loading " + directory;
            case READY -> "ready (" + directory + ", loaded in " + detail + ")";
            case FAILED -> "failed: " + detail;
        };
    }
}
