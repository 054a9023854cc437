package org.hotline.ivr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Confines a running process, every thread of it, to some cores with {@code taskset}. */
final class CpuPinning {

    private CpuPinning() {
    }

    /** Pins {@code pid} (all its threads; threads it starts later inherit it) to {@code cpus}. */
    static void pin(long pid, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
                .redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
            throw new IOException("taskset could not pin process " + pid + " to CPU " + cpus + ": " + output);
        }
    }
}
