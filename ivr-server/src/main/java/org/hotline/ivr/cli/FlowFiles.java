package org.hotline.ivr.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A flow named on the command line: a file path, or a flow name looked up in the flows directory. */
final class FlowFiles {

    private FlowFiles() {
    }

    static Path resolve(String flow) {
        Path direct = Path.of(flow);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        Path home = IvrHome.of(new java.util.HashMap<>(System.getenv()));
        for (Path candidate : new Path[] {Path.of("call-flows", flow + ".yaml"), home.resolve("call-flows").resolve(flow + ".yaml")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no flow '" + flow + "': give a file, or a name in call-flows/");
    }
}
