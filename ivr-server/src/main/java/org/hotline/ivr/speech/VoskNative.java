package org.hotline.ivr.speech;

import java.io.IOException;
import java.nio.file.Path;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/** The Vosk native library: loaded once (the JNA binding does that on first use), with its log quietened. */
public final class VoskNative {

    private VoskNative() {
    }

    /** Loads the library; a clear error (platform, cause) when it cannot be loaded on this machine. */
    public static void load() {
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IllegalStateException("the Vosk native library cannot be loaded on " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
        }
    }

    /** Loads a model after checking its files; never hands the native code a directory that is not one. */
    public static Model loadModel(Path dir) throws ModelInvalidException {
        ModelDirectory.check(dir);
        load();
        try {
            return new Model(dir.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new ModelInvalidException("Vosk could not load the model in " + dir
                    + " (its files are present but unreadable or from an incompatible version): " + e.getMessage(), e);
        }
    }
}
