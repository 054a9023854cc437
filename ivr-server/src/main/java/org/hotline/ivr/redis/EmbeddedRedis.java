package org.hotline.ivr.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary embedded-redis ships) on a free loopback port, with append-only
 * persistence in {@code dataDir}, for a fresh machine with no Redis of its own.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedis start(Path dataDir) {
        try {
            return start(dataDir, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded redis-server", e);
        }
    }

    /** On a given port: a restart on the same port is how tests bring Redis back after an outage. */
    public static EmbeddedRedis start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("appendonly yes")
                    .setting("dir " + dataDir.toAbsolutePath())
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            log.info("embedded redis-server on 127.0.0.1:{} with append-only data in {}", port, dataDir);
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded redis-server: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the server abruptly, as a crash would; for tests of Redis going away. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("embedded redis-server did not stop cleanly: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
