package org.hotline.ivr.speech;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The models of {@code IVR_SPEECH_MODELS} for tests that need real recognition. Where that variable is
 * unset or lacks the language, the test is skipped with the reason (reported as skipped, never passed).
 */
final class InstalledModels {

    private InstalledModels() {
    }

    /** Loaded models including {@code language}'s, or the calling test is skipped. */
    static SpeechModels require(String language) throws Exception {
        String dir = System.getenv("IVR_SPEECH_MODELS");
        assumeTrue(dir != null && !dir.isBlank(),
                "IVR_SPEECH_MODELS is not set: no Vosk model to recognize " + language + " with (./ivr models install "
                        + language + ", then IVR_SPEECH_MODELS=speech-models)");
        assumeTrue(Files.isDirectory(Path.of(dir)), "IVR_SPEECH_MODELS=" + dir + " is not a directory");
        SpeechModels models = SpeechModels.start(Path.of(dir), language::equals);
        models.loaded().get(10, TimeUnit.MINUTES);
        if (!models.status(language).ready()) {
            String why = models.status(language).describe();
            models.close();
            assumeTrue(false, "no usable " + language + " model in " + dir + ": " + why);
        }
        return models;
    }
}
