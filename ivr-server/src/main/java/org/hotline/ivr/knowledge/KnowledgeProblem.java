package org.hotline.ivr.knowledge;

import java.nio.file.Path;

/** What is wrong with an article file, where: {@code config/knowledge/x.md:3: title: required}. */
public record KnowledgeProblem(Path file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
