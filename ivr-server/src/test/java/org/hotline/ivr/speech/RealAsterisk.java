package org.hotline.ivr.speech;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Asterisk 22 in {@code ../shared/asterisk} (see its README), started in a run folder of the
 * test's own; tests using it are skipped, with the reason, where it is absent.
 */
final class RealAsterisk implements AutoCloseable {

    private static final String SECRET = "s3cret";

    private final Path run;
    private final int amiPort;

    private RealAsterisk(Path run, int amiPort) {
        this.run = run;
        this.amiPort = amiPort;
    }

    static RealAsterisk start(Path run, int agiPort) throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path root = Files.exists(cwd.resolve("ivr-server")) ? cwd : cwd.getParent();
        Path script = root.resolve("../shared/asterisk/start").normalize();
        assumeTrue(Files.isExecutable(script), "no Asterisk at " + script + " (a clone outside the workspace): skipped");
        int amiPort = freePort();
        Process process = new ProcessBuilder(script.toString(), run.toString(), "--ami-port", String.valueOf(amiPort),
                "--agi-port", String.valueOf(agiPort), "--secret", SECRET).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("Asterisk did not start: " + output);
        }
        return new RealAsterisk(run, amiPort);
    }

    /** Places a call from the simulated citizen into the IVR (dialplan {@code ivr-in,12345}). */
    void call(List<String> variables) throws IOException {
        try (Socket ami = new Socket("127.0.0.1", amiPort)) {
            ami.setSoTimeout(20_000);
            OutputStream out = ami.getOutputStream();
            out.write(("Action: Login\r\nUsername: test\r\nSecret: " + SECRET + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitFullyBooted(ami);
            StringBuilder action = new StringBuilder()
                    .append("Action: Originate\r\nChannel: Local/caller@test-caller\r\nContext: ivr-in\r\n")
                    .append("Exten: 12345\r\nPriority: 1\r\nCallerID: 13800138000\r\nAsync: true\r\n");
            variables.forEach(v -> action.append("Variable: ").append(v).append("\r\n"));
            action.append("\r\nAction: Logoff\r\n\r\n");
            out.write(action.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Asterisk refuses to run dialplan before it has fully booted, which can be after AMI answers. */
    private static void awaitFullyBooted(Socket ami) throws IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(ami.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("Message: Authentication failed")) {
                throw new IOException("AMI login refused");
            }
            if (line.equals("Event: FullyBooted")) {
                return;
            }
        }
        throw new IOException("AMI closed before Asterisk was fully booted");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        Path pid = run.resolve("run/asterisk.pid");
        if (Files.exists(pid)) {
            long id = Long.parseLong(Files.readString(pid).trim());
            ProcessHandle.of(id).ifPresent(ProcessHandle::destroy);
            ProcessHandle.of(id).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        }
    }
}
