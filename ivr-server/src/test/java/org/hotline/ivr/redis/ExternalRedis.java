package org.hotline.ivr.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian {@code redis-server} as its own process, for tests of Redis going away the ways it does in
 * production: {@link #pause()} (SIGSTOP: connections stay open, nothing answers), {@link #kill()} (connections
 * refused), {@link #startAgain()} on the same port with its append-only data. Tests using it are skipped,
 * saying why, where the package is not installed ({@code .ci/run} installs it).
 */
public final class ExternalRedis implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final Path dir;
    private final int port;
    private Process process;
    private boolean paused;

    private ExternalRedis(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Skips the calling test where there is no redis-server; else starts one on a free port, data in {@code dir}. */
    public static ExternalRedis start(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "no " + BINARY + " (Debian package redis-server): tests of Redis outages are skipped");
        ExternalRedis redis = new ExternalRedis(Files.createDirectories(dir), freePort());
        redis.startAgain();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the server (again, after {@link #kill()}) on its port; returns once it accepts connections. */
    public void startAgain() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(BINARY.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toAbsolutePath().toString(), "--appendonly", "yes", "--save", "", "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("redis-server did not come up on " + port + ": "
                        + Files.readString(dir.resolve("redis.out")));
            }
            Thread.sleep(20);
        }
    }

    /** SIGSTOP: the port still accepts and holds connections, but nothing is answered. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
        paused = true;
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
        paused = false;
    }

    /** SIGKILL: connections are refused until {@link #startAgain()}. */
    public void kill() throws InterruptedException {
        if (paused) {
            try {
                resume();
            } catch (IOException e) {
                // killed below anyway
            }
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
