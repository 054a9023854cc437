package org.hotline.ivr.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Asterisk started from the shared build into a run folder of its own ({@code start RUN --ami-port ...}),
 * stopped by its pid. The run folder holds its config, sounds ({@code lib/sounds}) and log.
 */
final class AsteriskRun implements AutoCloseable {

    private final Path runDir;
    private final int amiPort;
    private final String secret;
    private final long pid;
    private final Duration startup;

    private AsteriskRun(Path runDir, int amiPort, String secret, long pid, Duration startup) {
        this.runDir = runDir;
        this.amiPort = amiPort;
        this.secret = secret;
        this.pid = pid;
        this.startup = startup;
    }

    /** Runs the shared start script; returns once AMI answers (the script waits for that). */
    static AsteriskRun start(Path home, Path runDir, int amiPort, int agiPort, String secret, Path dialplan, Path moh)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("start").toString(), runDir.toString(),
                "--ami-port", String.valueOf(amiPort), "--agi-port", String.valueOf(agiPort), "--secret", secret,
                "--dialplan", dialplan.toString(), "--moh", moh.toString()));
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("Asterisk did not start (" + String.join(" ", command) + "):\n" + output);
        }
        long pid = Long.parseLong(Files.readString(runDir.resolve("run/asterisk.pid")).trim());
        // The start script returns once AMI accepts connections, which under load can be before the
        // dialplan is loaded ("PBX requires Asterisk to be fully booted"): wait for the boot to finish.
        cli(runDir, "core waitfullybooted");
        return new AsteriskRun(runDir, amiPort, secret, pid, Duration.ofNanos(System.nanoTime() - begin));
    }

    Path runDir() {
        return runDir;
    }

    Path soundsDir() {
        return runDir.resolve("lib/sounds");
    }

    Path messagesLog() {
        return runDir.resolve("log/messages.log");
    }

    int amiPort() {
        return amiPort;
    }

    String secret() {
        return secret;
    }

    /** From running the start script to Asterisk fully booted. */
    Duration startup() {
        return startup;
    }

    /** CPU time Asterisk has used so far (user + system, from /proc; zero where there is no /proc). */
    Duration cpuTime() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 10); // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }

    /** One CLI command through the run folder's {@code cli} wrapper; its output. */
    String cli(String command) throws IOException, InterruptedException {
        return cli(runDir, command);
    }

    private static String cli(Path runDir, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(runDir.resolve("cli").toString(), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("Asterisk CLI '" + command + "' failed:\n" + output);
        }
        return output;
    }

    /** SIGKILL, as a crash: calls up are cut without a hangup (SIGTERM would wait for them). */
    void kill() throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("Asterisk " + pid + " is gone"));
        process.destroyForcibly();
        process.onExit().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(asterisk -> {
            asterisk.destroy();
            try {
                asterisk.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                asterisk.destroyForcibly();
            }
        });
    }
}
