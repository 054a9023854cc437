package org.hotline.ivr.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks a model archive safely (no entry may escape the folder) and finds the model inside it. */
final class ModelArchive {

    private ModelArchive() {
    }

    static void unzip(Path archive, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (InputStream file = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(file)) {
            ZipEntry entry;
            int count = 0;
            while ((entry = zip.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("archive entry " + entry.getName() + " points outside the model folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
                count++;
            }
            if (count == 0) {
                throw new IOException(archive.getFileName() + " is not a zip archive (or is empty)");
            }
        }
    }

    /** The unpacked folder itself, or its single top-level folder (as the official archives have). */
    static Path modelRoot(Path unpacked) throws IOException {
        try (Stream<Path> entries = Files.list(unpacked)) {
            List<Path> top = entries.toList();
            if (top.size() == 1 && Files.isDirectory(top.get(0))) {
                return top.get(0);
            }
            return unpacked;
        }
    }
}
