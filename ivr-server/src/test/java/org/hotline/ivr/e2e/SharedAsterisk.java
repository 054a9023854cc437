package org.hotline.ivr.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the workspace's Asterisk build: {@code ../shared/asterisk} next to the repository root, looked
 * for from the working directory upwards (Maven runs tests in {@code ivr-server/}), or the folder named
 * by {@code IVR_SHARED_ASTERISK}.
 */
final class SharedAsterisk {

    static final String ENV = "IVR_SHARED_ASTERISK";

    private SharedAsterisk() {
    }

    static Optional<Path> locate() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(SharedAsterisk::looksRight);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("asterisk");
            if (dir.getParent() != null && looksRight(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    private static boolean looksRight(Path home) {
        return Files.isExecutable(home.resolve("start")) && Files.isDirectory(home.resolve("conf"));
    }

    /** The repository root: the nearest folder upwards holding {@code config/asterisk/extensions.conf}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("config/asterisk/extensions.conf"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no config/asterisk/extensions.conf above " + Path.of("").toAbsolutePath());
    }
}
