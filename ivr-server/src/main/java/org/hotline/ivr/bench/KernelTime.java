package org.hotline.ivr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time this process has spent in the kernel (system calls, the loopback's TCP), from
 * {@code /proc/self/stat} in clock ticks of 10 ms: what no Java code can save, the floor under a
 * server's figure. Zero where the file is not there (not Linux).
 */
final class KernelTime {

    private static final long NANOS_PER_TICK = 10_000_000L;
    /** Field 15 (stime), counted after the ")" that ends the command name, which may hold spaces. */
    private static final int STIME_AFTER_NAME = 12;

    private KernelTime() {
    }

    static long nanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[STIME_AFTER_NAME]) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
