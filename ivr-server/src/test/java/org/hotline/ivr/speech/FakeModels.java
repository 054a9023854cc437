package org.hotline.ivr.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Folders and archives shaped like Vosk models but holding no model: for tests of everything around loading. */
final class FakeModels {

    static final List<String> FILES = List.of("am/final.mdl", "conf/model.conf", "conf/mfcc.conf", "graph/HCLG.fst");

    private FakeModels() {
    }

    /** A folder with the files Vosk expects, filled with junk. */
    static Path folder(Path dir) throws IOException {
        for (String file : FILES) {
            Path path = dir.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "not a model\n");
        }
        return dir;
    }

    /** A zip archive like the official ones: one top folder named {@code name} with the model files. */
    static byte[] archive(String name, List<String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name + "/"));
            for (String file : files) {
                zip.putNextEntry(new ZipEntry(name + "/" + file));
                zip.write(("junk for " + file).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
