package org.hotline.ivr.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.IvrCommand;
import org.hotline.ivr.ops.IvrConfig;

/**
 * A second server node in a JVM of its own ({@code ivr serve}, configured by environment as an operator would),
 * on the rig's Redis and Asterisk, with a fixed FastAGI port so that it can be killed with SIGKILL and started
 * again behind the same dialplan. Its log is a file in the rig's folder.
 */
final class ServerNodeProcess implements AutoCloseable {

    private final ProcessBuilder builder;
    private final int agiPort;
    private final int httpPort;
    private final Path log;
    private Process process;

    private ServerNodeProcess(ProcessBuilder builder, int agiPort, int httpPort, Path log) {
        this.builder = builder;
        this.agiPort = agiPort;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Node {@code nodeId} with the rig server's Redis and AMI (user ivr); its files under {@code dir}. */
    static ServerNodeProcess start(AsteriskRig rig, String nodeId, Path dir) throws IOException, InterruptedException {
        ServerNodeProcess node = launch(rig, nodeId, dir, Map.of());
        node.awaitListening();
        return node;
    }

    /**
     * Starts node {@code nodeId} as {@link #start} does, with {@code env} over its environment (another Redis, a
     * shared recordings folder, ...), without waiting: {@link #awaitListening()} does, so that nodes start together.
     */
    static ServerNodeProcess launch(AsteriskRig rig, String nodeId, Path dir, Map<String, String> overrides)
            throws IOException {
        IvrConfig config = rig.server().config();
        IvrConfig.AmiServer ami = config.ami().servers().get(0);
        int agiPort = AsteriskRig.freePort();
        int httpPort = AsteriskRig.freePort();
        Path log = dir.resolve(nodeId + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), IvrCommand.class.getName(), "serve")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("IVR_HOME", SharedAsterisk.repositoryRoot().toString());
        env.put("IVR_NODE_ID", nodeId);
        env.put("IVR_AGI_PORT", Integer.toString(agiPort));
        env.put("IVR_AUDIO_PORT", Integer.toString(AsteriskRig.freePort()));
        env.put("IVR_HTTP_PORT", Integer.toString(httpPort));
        env.put("IVR_REDIS_URL", config.redis().url());
        env.put("IVR_AUDIO_RECORDINGS", dir.resolve(nodeId + "-recordings").toString());
        env.put("IVR_CALLS_SPOOL", dir.resolve(nodeId + "-spool").toString());
        env.put("IVR_AMI_ENABLED", "true");
        env.put("IVR_AMI_SERVERS_0_HOST", ami.host());
        env.put("IVR_AMI_SERVERS_0_PORT", Integer.toString(ami.port()));
        env.put("IVR_AMI_SERVERS_0_USER", ami.user());
        env.put("IVR_AMI_SECRET", ami.secret());
        env.putAll(overrides);
        ServerNodeProcess node = new ServerNodeProcess(builder, agiPort, httpPort, log);
        node.process = builder.start();
        return node;
    }

    int agiPort() {
        return agiPort;
    }

    /** Where its console, wallboard and APIs answer: {@code http://127.0.0.1:<port>}. */
    String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path log() {
        return log;
    }

    /** Starts the process (again, on the same ports) and waits until its FastAGI port accepts connections. */
    void startAgain() throws IOException, InterruptedException {
        process = builder.start();
        awaitListening();
    }

    /** Waits until the started process's FastAGI port accepts connections (it has its Redis and flows by then). */
    void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited " + process.exitValue() + "; its log: " + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", agiPort), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("node did not listen on FastAGI :" + agiPort + " within 90 s; its log: " + log);
    }

    /** SIGKILL: nothing is closed, flushed or said to Redis on the way out. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
