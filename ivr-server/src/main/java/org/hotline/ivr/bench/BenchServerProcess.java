package org.hotline.ivr.bench;

import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A benchmarked server in its own JVM ({@link BenchServerMain}) with a fixed heap, so that its memory
 * and CPU are measured apart from the load generator's. Requests go over the child's stdin; its
 * answers come back as {@link BenchServerMain#PREFIX} lines on stdout; its logs go to a file.
 */
final class BenchServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final ObjectMapper json = Json.mapper();
    private final Path log;
    private int port;

    private BenchServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.requests = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "bench-server-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code kind} as {@code launch} says (heap, cores, profile) and waits until it listens; {@code run}
     * names the run's profile file.
     */
    static BenchServerProcess start(ServerKind kind, int commands, int pool, ServerLaunch launch, String run)
            throws IOException {
        Path log = Files.createTempFile("ivr-bench-" + kind.label() + "-", ".log");
        List<String> command = new ArrayList<>(launch.cpuPrefix());
        command.add(javaBinary());
        command.addAll(launch.jvmOptions(run));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServerMain.class.getName(),
                "--kind", kind.label(), "--commands", String.valueOf(commands),
                "--pool", String.valueOf(pool), "--max-pool", String.valueOf(2 * pool + 100)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Both servers log at WARN: per-call INFO lines would measure the console, not the server.
        builder.environment().put("IVR_LOG_LEVEL", "WARN");
        BenchServerProcess server = new BenchServerProcess(builder.start(), log);
        JsonNode ready = server.await(START_TIMEOUT, "start");
        server.port = ready.path("port").asInt();
        return server;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    ProcessStatus status() {
        return ProcessStatus.of(process.pid());
    }

    /** Sends one request ({@code window}, {@code memory} ...) and returns the server's answer. */
    JsonNode request(String what) throws IOException {
        requests.write(what + "\n");
        requests.flush();
        return await(REQUEST_TIMEOUT, what);
    }

    private JsonNode await(Duration timeout, String what) throws IOException {
        String line = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // In slices, so that a server that died is reported at once rather than after the timeout.
            while (line == null && System.nanoTime() < deadline && (process.isAlive() || !answers.isEmpty())) {
                line = answers.poll(500, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the benchmarked server (" + what + ")", e);
        }
        if (line == null) {
            throw new IOException("benchmarked server " + (process.isAlive() ? "gave no answer to '" + what
                    + "' within " + timeout.toSeconds() + " s" : "died (exit " + process.exitValue() + ") before"
                    + " answering '" + what + "'") + "; its log: " + log);
        }
        JsonNode answer = json.readTree(line);
        if (answer.has("error")) {
            throw new IOException("benchmarked server: " + answer.get("error").asText());
        }
        return answer;
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(BenchServerMain.PREFIX)) {
                    answers.add(line.substring(BenchServerMain.PREFIX.length()));
                }
            }
        } catch (IOException e) {
            // The process is gone; a pending request times out and says so.
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public void close() {
        try {
            requests.write("quit\n");
            requests.flush();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
