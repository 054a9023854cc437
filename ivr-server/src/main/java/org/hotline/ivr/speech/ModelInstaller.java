package org.hotline.ivr.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs one model: downloads the archive (with a progress bar), checks its SHA-256 (or prints the
 * computed one when the manifest does not pin it), unpacks it into a temporary folder, checks that it
 * is a Vosk model and only then renames it into place. Any failure removes everything it created.
 */
public final class ModelInstaller {

    private final Path modelsDir;
    private final HttpClient http;
    private final PrintStream out;

    public ModelInstaller(Path modelsDir, PrintStream out) {
        this.modelsDir = modelsDir;
        this.out = out;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15)).build();
    }

    /** The folder a model is installed in. */
    public Path target(ModelEntry entry) {
        return modelsDir.resolve(entry.name());
    }

    public Path install(ModelEntry entry) throws ModelInstallException {
        Path target = target(entry);
        if (Files.isDirectory(target)) {
            try {
                ModelDirectory.check(target);
                out.println(entry.language() + ": " + entry.name() + " is already installed in " + target);
                return target;
            } catch (ModelInvalidException e) {
                throw new ModelInstallException(target + " exists but is not a valid model (" + e.getMessage()
                        + "); remove it and install again");
            }
        }
        Path archive = null;
        Path unpacked = null;
        try {
            Files.createDirectories(modelsDir);
            archive = Files.createTempFile(modelsDir, ".download-" + entry.name() + "-", ".zip");
            String sha256 = download(entry, archive);
            checkChecksum(entry, sha256);
            unpacked = Files.createTempDirectory(modelsDir, ".unpack-" + entry.name() + "-");
            ModelArchive.unzip(archive, unpacked);
            Path root = ModelArchive.modelRoot(unpacked);
            ModelDirectory.check(root);
            Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
            out.println(entry.language() + ": installed " + entry.name() + " in " + target);
            return target;
        } catch (ModelInvalidException e) {
            throw new ModelInstallException("the archive from " + entry.url() + " does not hold a Vosk model: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelInstallException("installing " + entry.name() + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(archive);
            deleteQuietly(unpacked);
        }
    }

    private String download(ModelEntry entry, Path archive) throws ModelInstallException, IOException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(entry.url()).timeout(Duration.ofMinutes(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw offline(entry, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw offline(entry, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw offline(entry, "HTTP " + response.statusCode(), null);
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        MessageDigest digest = sha256();
        DownloadProgress progress = new DownloadProgress(out, entry.language() + " " + entry.name(), total);
        long done = 0;
        try (InputStream in = response.body();
             OutputStream file = new DigestOutputStream(Files.newOutputStream(archive), digest)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                file.write(buffer, 0, n);
                done += n;
                progress.update(done);
            }
        } catch (IOException e) {
            throw offline(entry, "download cut off after " + done + " bytes: " + e.getMessage(), e);
        }
        progress.finish(done);
        if (total > 0 && done != total) {
            throw offline(entry, "download cut off after " + done + " of " + total + " bytes", null);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void checkChecksum(ModelEntry entry, String sha256) throws ModelInstallException {
        if (!entry.pinned()) {
            out.println(entry.language() + ": SHA-256 of " + entry.name() + ".zip is " + sha256
                    + " (not pinned in models.yaml: check it against a trusted copy, then set sha256: " + sha256 + ")");
        } else if (!entry.sha256().equalsIgnoreCase(sha256)) {
            throw new ModelInstallException(entry.language() + ": checksum mismatch for " + entry.url() + ": expected "
                    + entry.sha256() + ", got " + sha256 + "; the download was discarded");
        }
    }

    private ModelInstallException offline(ModelEntry entry, String why, Throwable cause) {
        return new ModelInstallException("cannot download the " + entry.language() + " model from " + entry.url()
                + " (" + why + "). Without internet access: fetch that archive on another machine, unzip it into "
                + modelsDir.toAbsolutePath() + " so that " + target(entry).resolve("am").toAbsolutePath()
                + " exists (a folder named '" + entry.language() + "' also works), then run ./ivr models verify", cause);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a leftover temporary file is named .download-/.unpack- and never taken for a model
        }
    }
}
