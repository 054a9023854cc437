package org.hotline.ivr.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a directory looks like an unpacked Vosk model before the native library sees it, so a
 * wrong path is a clear message rather than a native error: an acoustic model ({@code am/final.mdl}),
 * its configuration ({@code conf/model.conf}, {@code conf/mfcc.conf}) and a decoding graph
 * ({@code graph/HCLG.fst}, or {@code graph/HCLr.fst} with {@code graph/Gr.fst} for lookahead models).
 */
public final class ModelDirectory {

    private ModelDirectory() {
    }

    public static void check(Path dir) throws ModelInvalidException {
        if (!Files.isDirectory(dir)) {
            throw new ModelInvalidException(dir + " is not a directory");
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("am/final.mdl", "conf/model.conf", "conf/mfcc.conf")) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                missing.add(required);
            }
        }
        boolean staticGraph = Files.isRegularFile(dir.resolve("graph/HCLG.fst"));
        boolean lookaheadGraph = Files.isRegularFile(dir.resolve("graph/HCLr.fst"))
                && Files.isRegularFile(dir.resolve("graph/Gr.fst"));
        if (!staticGraph && !lookaheadGraph) {
            missing.add("graph/HCLG.fst (or graph/HCLr.fst + graph/Gr.fst)");
        }
        if (!missing.isEmpty()) {
            throw new ModelInvalidException(dir + " is not a Vosk model: missing " + String.join(", ", missing)
                    + " (unpack the official model archive so that its am/, conf/ and graph/ folders are directly inside)");
        }
    }
}
