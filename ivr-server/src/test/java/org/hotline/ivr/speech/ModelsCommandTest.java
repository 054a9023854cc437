package org.hotline.ivr.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ivr models} against a local HTTP server standing in for the model host. */
class ModelsCommandTest {

    private static final String NAME = "vosk-model-small-xx-0.1";

    @TempDir
    Path temp;

    private HttpServer http;
    private byte[] archive;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void serve() throws IOException {
        archive = FakeModels.archive(NAME, FakeModels.FILES);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/models/good.zip", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            exchange.getResponseBody().write(archive);
            exchange.close();
        });
        http.createContext("/models/empty-model.zip", exchange -> {
            byte[] noModel = FakeModels.archive(NAME, List.of("README"));
            exchange.sendResponseHeaders(200, noModel.length);
            exchange.getResponseBody().write(noModel);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private Path manifest(String path, String sha256) throws IOException {
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + path;
        return manifestWithUrl(url, sha256);
    }

    private Path manifestWithUrl(String url, String sha256) throws IOException {
        Path file = temp.resolve("models.yaml");
        Files.writeString(file, "models:\n  xx:\n    name: " + NAME + "\n    url: " + url
                + "\n    size: 1K\n    sampleRate: 16000\n    sha256: \"" + sha256 + "\"\n");
        return file;
    }

    private int run(Path manifest, String... args) {
        CommandLine cli = new CommandLine(new ModelsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of(args), Stream.of("--models-dir", temp.resolve("models").toString(),
                "--manifest", manifest.toString())).toArray(String[]::new);
        return cli.execute(all);
    }

    private List<String> leftInModels() throws IOException {
        Path models = temp.resolve("models");
        if (!Files.exists(models)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(models)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void installDownloadsChecksAndUnpacksTheModelIntoPlace() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        assertThat(run(manifest("/models/good.zip", sha), "install", "xx")).isEqualTo(0);
        Path installed = temp.resolve("models").resolve(NAME);
        ModelDirectory.check(installed);
        assertThat(leftInModels()).containsExactly(NAME);
        assertThat(out.toString()).contains("xx: ready in");
    }

    @Test
    void anUnpinnedChecksumIsPrintedForTheOperatorToPin() throws Exception {
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        ModelInstaller installer = new ModelInstaller(temp.resolve("models"), new java.io.PrintStream(progress, true));
        installer.install(ModelManifest.load(manifest("/models/good.zip", "")).entry("xx").orElseThrow());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        assertThat(progress.toString()).contains("SHA-256 of " + NAME + ".zip is " + sha).contains("100%");
    }

    @Test
    void aChecksumMismatchLeavesNothingBehind() throws Exception {
        assertThat(run(manifest("/models/good.zip", "0".repeat(64)), "install", "xx")).isEqualTo(1);
        assertThat(err.toString()).contains("checksum mismatch").contains("expected " + "0".repeat(64));
        assertThat(leftInModels()).isEmpty();
    }

    @Test
    void anArchiveWithoutAModelIsRefusedAndRemoved() throws Exception {
        assertThat(run(manifest("/models/empty-model.zip", ""), "install", "xx")).isEqualTo(1);
        assertThat(err.toString()).contains("does not hold a Vosk model").contains("missing am/final.mdl");
        assertThat(leftInModels()).isEmpty();
    }

    @Test
    void offlineInstallNamesTheUrlAndHowToPlaceTheModelByHand() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/models/" + NAME + ".zip";
        assertThat(run(manifestWithUrl(url, ""), "install", "xx")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot download the xx model from " + url)
                .contains("unzip it into").contains(NAME).contains("./ivr models verify");
        assertThat(leftInModels()).isEmpty();
    }

    @Test
    void aMissingArchiveIsReportedWithItsHttpStatus() throws Exception {
        assertThat(run(manifest("/models/nothing-here.zip", ""), "install", "xx")).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 404");
        assertThat(leftInModels()).isEmpty();
    }

    @Test
    void anUnknownLanguageIsRefusedNamingTheKnownOnes() throws Exception {
        assertThat(run(manifest("/models/good.zip", ""), "install", "tlh")).isEqualTo(1);
        assertThat(err.toString()).contains("tlh: not in").contains("known: xx");
    }

    @Test
    void listAndVerifyShowWhatIsInstalledAndWhatIsBroken() throws Exception {
        Path manifest = manifest("/models/good.zip", "");
        assertThat(run(manifest, "list")).isEqualTo(0);
        assertThat(out.toString()).contains("xx").contains(NAME).contains("unpinned").contains(" no");
        Files.createDirectories(temp.resolve("models").resolve("xx"));
        assertThat(run(manifest, "verify")).isEqualTo(1);
        assertThat(out.toString()).contains("xx: INVALID").contains("is not a Vosk model: missing am/final.mdl");
    }

    @Test
    void verifyWithLoadRejectsAFolderWithJunkInsteadOfAModelWithoutCrashing() throws Exception {
        FakeModels.folder(temp.resolve("models").resolve(NAME));
        assertThat(run(manifest("/models/good.zip", ""), "verify", "--load")).isEqualTo(1);
        assertThat(out.toString()).contains("xx: INVALID Vosk could not load the model");
    }
}
