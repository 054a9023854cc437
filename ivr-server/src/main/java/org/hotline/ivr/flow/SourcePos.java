package org.hotline.ivr.flow;

import java.nio.file.Path;

/** Where something was written: file, 1-based line and column. */
public record SourcePos(Path file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
