package org.hotline.ivr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Every simulated call is a socket in the load generator and another in the server, so thousands of
 * calls need more open files than a shell usually allows. This raises the limit of the running JVM
 * with {@code prlimit} (root may raise the hard limit too); the server JVMs started afterwards inherit it.
 */
final class OpenFileLimit {

    private OpenFileLimit() {
    }

    /** The soft limit on open files of this process, if the kernel tells (Linux). */
    static Optional<Long> current() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(line -> line.startsWith("Max open files"))
                    .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
                    .map(value -> value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Raises the limit to {@code wanted} if lower; returns a note for the report saying what happened. */
    static String ensure(long wanted) {
        Optional<Long> now = current();
        if (now.isEmpty() || now.get() >= wanted) {
            return "open files limit " + now.map(String::valueOf).orElse("unknown");
        }
        String pid = String.valueOf(ProcessHandle.current().pid());
        try {
            Process prlimit = new ProcessBuilder("prlimit", "--pid", pid, "--nofile=" + wanted + ":" + wanted)
                    .redirectErrorStream(true).start();
            String output = new String(prlimit.getInputStream().readAllBytes()).trim();
            if (!prlimit.waitFor(10, TimeUnit.SECONDS) || prlimit.exitValue() != 0) {
                return "open files limit stays " + now.get() + " (prlimit failed: " + output + ")";
            }
        } catch (IOException e) {
            return "open files limit stays " + now.get() + " (no prlimit: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "open files limit stays " + now.get();
        }
        return "open files limit raised from " + now.get() + " to " + current().map(String::valueOf).orElse("?");
    }
}
