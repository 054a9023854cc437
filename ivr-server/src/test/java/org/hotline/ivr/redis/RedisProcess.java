package org.hotline.ivr.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.Eventually;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * One Debian {@code redis-server} (or {@code redis-sentinel}) process on a free loopback port, its log in its
 * folder. {@link #kill()} is SIGKILL, {@link #pause()}/{@link #resume()} SIGSTOP/SIGCONT: a crash and a hung
 * machine, as the world does them.
 */
public final class RedisProcess implements AutoCloseable {

    public static final Path SERVER = Path.of("/usr/bin/redis-server");
    public static final Path SENTINEL = Path.of("/usr/bin/redis-sentinel");

    private final List<String> command;
    private final int port;
    private final Path dir;
    private volatile Process process;

    private RedisProcess(List<String> command, int port, Path dir) {
        this.command = List.copyOf(command);
        this.port = port;
        this.dir = dir;
    }

    /** Debian's redis-server and redis-sentinel are installed (.ci/run installs them). */
    public static boolean installed() {
        return Files.isExecutable(SERVER) && Files.isExecutable(SENTINEL);
    }

    /** A data server; {@code more} are extra {@code --option value} pairs (replicaof, cluster-enabled ...). */
    public static RedisProcess server(Path dir, String... more) throws IOException {
        int port = freePort();
        Path home = Files.createDirectories(dir.resolve("redis-" + port));
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", home.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--protected-mode", "no"));
        command.addAll(List.of(more));
        return start(command, port, home);
    }

    /** A sentinel watching {@code master} as {@code name}, quick to call it down (tests must stay short). */
    public static RedisProcess sentinel(Path dir, String name, HostAndPort master, Duration downAfter) throws IOException {
        int port = freePort();
        Path home = Files.createDirectories(dir.resolve("sentinel-" + port));
        Path conf = home.resolve("sentinel.conf");
        // The sentinel rewrites its file as it learns replicas and peers: it must be its own, writable.
        Files.writeString(conf, String.join("\n",
                "port " + port, "bind 127.0.0.1", "dir " + home, "daemonize no", "protected-mode no",
                "sentinel monitor " + name + " " + master.getHost() + " " + master.getPort() + " 2",
                "sentinel down-after-milliseconds " + name + " " + downAfter.toMillis(),
                "sentinel failover-timeout " + name + " " + downAfter.multipliedBy(4).toMillis(),
                "sentinel parallel-syncs " + name + " 1", ""));
        return start(List.of(SENTINEL.toString(), conf.toString()), port, home);
    }

    private static RedisProcess start(List<String> command, int port, Path home) throws IOException {
        RedisProcess started = new RedisProcess(command, port, home);
        started.restart();
        return started;
    }

    /** Starts the process again (same port, folder and options) after a {@link #kill()}. */
    public void restart() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile())).start();
        try {
            Eventually.until("redis on :" + port + " answers PING", Duration.ofSeconds(15), this::answers);
        } catch (AssertionError e) {
            close();
            throw new IllegalStateException(command + " did not come up; see " + dir.resolve("out.log"), e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public HostAndPort address() {
        return new HostAndPort("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    /** A direct connection to this process (not through the gateway): what the test checks with. */
    public Jedis connect() {
        return new Jedis(address(), DefaultJedisClientConfig.builder().timeoutMillis(2000).build());
    }

    public boolean answers() {
        if (!process.isAlive()) {
            return false;
        }
        try (Jedis jedis = connect()) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                resume();
            } catch (IOException | InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
